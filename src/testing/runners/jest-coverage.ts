import { COVERAGE_RECORDER_SOURCE } from './coverage-recorder.ts';
import { COVERAGE_FILE, IMPROVE_RUN_DIR } from './runner.ts';

/** Where our coverage test runner goes in the workspace; it finds COVERAGE_FILE from its own folder. */
export const JEST_COVERAGE_RUNNER_FILE = `${IMPROVE_RUN_DIR}/jest-coverage-runner.cjs`;

/**
 * Per-test coverage for jest, as a `testRunner` that wraps jest-circus (jest's runner since jest 27).
 * Not a setup file: `--setupFilesAfterEnv` on the command line would replace the project's own,
 * while the test runner is one a project almost never sets. It hooks the test environment's
 * `handleTestEvent`, which circus awaits at each test's start and end, whatever environment the
 * project uses, and records each test with the shared recorder (V8 precise coverage in the worker).
 *
 * V8 sees the code jest ran: transformed by babel-jest or ts-jest, whose lines are not the source's.
 * Jest keeps each transformed module's source map (`runtime.getSourceMaps()`, a file in its cache);
 * every executed line is mapped back through it to the source line its first mapped segment comes
 * from. A module without a map is one jest ran as written (or with types stripped in place), whose
 * lines are the source's. A map of several sources cannot say which module a line is in: such a
 * module is left out rather than reported at wrong lines.
 */
export const JEST_COVERAGE_RUNNER_SOURCE = `// Written by recursive-improve for one test run; safe to delete.
'use strict';
const fs = require('fs');
const inspector = require('inspector');
const path = require('path');
${COVERAGE_RECORDER_SOURCE}
const OUTPUT = path.join(__dirname, '..', ${JSON.stringify(COVERAGE_FILE)});
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// The jest runtime of the test file running now: its source maps are the ones to map lines with.
let runtime;
const parsedMaps = {};

function decodeVlq(text) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = BASE64.indexOf(text[i]);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

// For each generated line (0-based), the source line of its first mapped segment, or -1.
function sourceLineOf(mappings) {
  const lines = [];
  let sourceLine = 0;
  mappings.split(';').forEach((generated) => {
    let first = -1;
    generated.split(',').forEach((segment) => {
      if (segment === '') return;
      const fields = decodeVlq(segment);
      if (fields.length < 4) return;
      sourceLine += fields[2];
      if (first === -1) first = sourceLine;
    });
    lines.push(first);
  });
  return lines;
}

// undefined: jest ran the module as written; null: a map we cannot use.
function lineMap(url) {
  const maps = runtime && typeof runtime.getSourceMaps === 'function' ? runtime.getSourceMaps() : undefined;
  const file = url.indexOf('file://') === 0 ? decodeURIComponent(url.slice('file://'.length)) : url;
  const mapFile = maps && typeof maps.get === 'function' ? maps.get(file) : undefined;
  if (!mapFile) return undefined;
  if (!(mapFile in parsedMaps)) {
    try {
      const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
      parsedMaps[mapFile] = map.sources && map.sources.length === 1 ? sourceLineOf(map.mappings) : null;
    } catch (error) {
      parsedMaps[mapFile] = null;
    }
  }
  return parsedMaps[mapFile];
}

function toSourceLines(executed) {
  const mapped = {};
  Object.keys(executed).forEach((module) => {
    const map = lineMap(module);
    if (map === undefined) {
      mapped[module] = executed[module];
      return;
    }
    if (map === null) return;
    const seen = {};
    executed[module].forEach((line) => {
      if (line < map.length && map[line] >= 0) seen[map[line]] = true;
    });
    const lines = Object.keys(seen)
      .map(Number)
      .sort((a, b) => a - b);
    if (lines.length > 0) mapped[module] = lines;
  });
  return mapped;
}

// The recorder appends through this: each record, its lines mapped to the sources, to the real file.
const mappingFs = {
  appendFileSync(file, text) {
    const record = JSON.parse(text);
    record.lines = toSourceLines(record.lines);
    fs.appendFileSync(file, JSON.stringify(record) + '\\n');
  },
};

// One recorder (one inspector session) per worker process, for every test file it runs.
const recorder = improveCoverageRecorder(inspector, mappingFs, OUTPUT);
const step = (call) => new Promise((resolve) => call(resolve));

function namePath(test) {
  const names = [test.name];
  for (let block = test.parent; block && block.parent; block = block.parent) names.unshift(block.name);
  return names;
}

function circus() {
  const from = [__dirname].concat(require.main ? [require.main.filename] : []);
  const runner = require(require.resolve('jest-circus/runner', { paths: from }));
  return typeof runner === 'function' ? runner : runner.default;
}

module.exports = async function recursiveImproveCoverageRunner(globalConfig, config, environment, jestRuntime, testPath, sendMessageToJest) {
  runtime = jestRuntime;
  const own = environment.handleTestEvent;
  environment.handleTestEvent = async function (event, state) {
    if (event.name === 'test_start') await step((done) => recorder.begin(done));
    if (own) await own.call(environment, event, state);
    if (event.name === 'test_done') {
      await step((done) => recorder.end(testPath, namePath(event.test), event.test.errors.length === 0, done));
    }
  };
  return circus()(globalConfig, config, environment, jestRuntime, testPath, sendMessageToJest);
};
`;

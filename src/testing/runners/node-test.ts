import type { TestCaseResult } from '../report.ts';
import type { ShellWord } from '../shell-words.ts';
import { COVERAGE_RECORDER_SOURCE } from './coverage-recorder.ts';
import { NODE_TEST_REPORTER_FILE, NODE_TEST_REPORTER_SOURCE } from './node-test-reporter.ts';
import { COVERAGE_FILE, commandName, dropFlags, escapeRegExp, IMPROVE_RUN_DIR, type TestRunnerAdapter } from './runner.ts';

/**
 * Node options that take their value as the next word: Node stops reading options at the first word
 * that is neither an option nor such a value, and takes the rest as file patterns (or a script).
 */
const OPTIONS_WITH_VALUE = [
  '-r',
  '--require',
  '--import',
  '--loader',
  '--experimental-loader',
  '-C',
  '--conditions',
  '--env-file',
  '--env-file-if-exists',
  '--input-type',
  '--disable-warning',
  '--watch-path',
  '--test-reporter',
  '--test-reporter-destination',
  '--test-name-pattern',
  '--test-skip-pattern',
  '--test-concurrency',
  '--test-timeout',
  '--test-shard',
  '--test-isolation',
  '--experimental-test-isolation',
  '--test-global-setup',
  '--test-coverage-include',
  '--test-coverage-exclude',
  '--test-coverage-branches',
  '--test-coverage-functions',
  '--test-coverage-lines',
];

/**
 * The project's options we drop: watching, its reporters and their destinations (ours replace them),
 * snapshot updates (snapshots are test files), and coverage, whose thresholds would fail a run whose
 * tests all pass and whose report would only slow it (our per-test coverage takes its own).
 */
const OWNED_FLAGS = [
  '--watch',
  '--watch-path',
  '--watch-preserve-output',
  '--test-reporter',
  '--test-reporter-destination',
  '--test-update-snapshots',
  '--experimental-test-coverage',
  '--test-coverage-include',
  '--test-coverage-exclude',
  '--test-coverage-branches',
  '--test-coverage-functions',
  '--test-coverage-lines',
];

const COVERAGE_SETUP_FILE = `${IMPROVE_RUN_DIR}/node-test-coverage.mjs`;

/**
 * Hooks that record each test's coverage, `--import`ed into every process that runs a test file
 * (Node passes `--import` on to each file's child process and does not load it in the parent that
 * only reports; checked on Node 20 and 24): hooks a module registers at its top level apply to every
 * test of the file, subtests included. Node 20 has no `t.filePath`: the file is then the child's own
 * script. A Node without `t.fullName` (before 20.16) records nested tests under their own name only,
 * which no test of the report matches: their coverage is left out.
 */
const COVERAGE_SETUP_SOURCE = `// Written by recursive-improve for one test run; safe to delete.
import fs from 'node:fs';
import inspector from 'node:inspector';
import { afterEach, beforeEach } from 'node:test';
import { fileURLToPath } from 'node:url';
${COVERAGE_RECORDER_SOURCE}
const recorder = improveCoverageRecorder(inspector, fs, fileURLToPath(new URL(${JSON.stringify(`../${COVERAGE_FILE}`)}, import.meta.url)));
const settled = (step) => new Promise((resolve) => step(() => resolve()));
// A test's full name: its describe blocks and parent tests, then its own name, joined by ' > '.
const namePath = (t) => {
  const full = typeof t.fullName === 'string' && t.fullName.endsWith(t.name) ? t.fullName : t.name;
  const above = full.slice(0, full.length - t.name.length).replace(/ > $/, '');
  return (above === '' ? [] : above.split(' > ')).concat([t.name]);
};

beforeEach(() => settled((done) => recorder.begin(done)));
afterEach((t) => settled((done) => recorder.end(t.filePath || process.argv[1], namePath(t), t.passed !== false, done)));
`;

export const nodeTestAdapter: TestRunnerAdapter = {
  name: 'node-test',
  label: 'node --test',
  // node:test comes with Node: no package, no config file says a project uses it.
  packages: [],
  configFiles: /(?!)/,
  defaultCommand: 'node --test',
  invokedAt: (values, at) => commandName(values[at]) === 'node' && nodeOptions(values.slice(at + 1)).includes('--test'),
  asTestRun,
  // Node reads options only before the file patterns.
  argsAt: 'after-runner',
  supportFiles: () => ({ [NODE_TEST_REPORTER_FILE]: NODE_TEST_REPORTER_SOURCE }),
  // Ours for progress lines and results, spec on stderr for people reading the output. Absolute,
  // since Node resolves a reporter from the working directory.
  reportArgs: (workdir) => [
    `--test-reporter=${workdir}/${NODE_TEST_REPORTER_FILE}`,
    '--test-reporter-destination=stdout',
    '--test-reporter=spec',
    '--test-reporter-destination=stderr',
  ],
  rerunArgs,
  coverage: {
    supportFiles: () => ({ [COVERAGE_SETUP_FILE]: COVERAGE_SETUP_SOURCE }),
    args: (workdir) => ['--import', `${workdir}/${COVERAGE_SETUP_FILE}`],
  },
};

/** The leading words that are Node's options (with their values), before the first file pattern. */
function nodeOptions(values: readonly string[]): string[] {
  let end = 0;
  while (end < values.length && values[end]!.startsWith('-')) end += OPTIONS_WITH_VALUE.includes(values[end]!) ? 2 : 1;
  return values.slice(0, Math.min(end, values.length));
}

function asTestRun(words: readonly ShellWord[]): ShellWord[] {
  const [node, ...rest] = words;
  const options = nodeOptions(rest.map((w) => w.value)).length;
  return [node!, ...dropFlags(rest.slice(0, options), OWNED_FLAGS, OPTIONS_WITH_VALUE), ...rest.slice(options)];
}

/**
 * A name pattern for exactly these tests. Our arguments go before the project's file patterns, so
 * the files cannot be named: every file of the project's run loads again, and only these tests run.
 * Node 20 matches a pattern against a test's own name, Node 24 against its own name or its full
 * name (ancestors' names and its own, joined by spaces); on both, a test runs only when its parent
 * test runs. A test inside `t.test` needs its parent matched, and nothing in a name path says whether
 * an ancestor is a describe block or a test: every ancestor is matched too, which reruns the whole
 * describe block of a test too (harmless: the rerun is read for these tests only).
 */
function rerunArgs(tests: readonly TestCaseResult[]): string[] {
  const names = new Set<string>();
  for (const test of tests) {
    test.namePath.forEach((name, i) => {
      names.add(escapeRegExp(name));
      names.add(escapeRegExp(test.namePath.slice(0, i + 1).join(' ')));
    });
  }
  return [`--test-name-pattern=^(?:${[...names].join('|')})$`];
}

import type { TestCaseResult } from '../report.ts';
import type { ShellWord } from '../shell-words.ts';
import { COVERAGE_RECORDER_SOURCE } from './coverage-recorder.ts';
import { MOCHA_REPORTER_FILE, MOCHA_REPORTER_SOURCE } from './mocha-reporter.ts';
import { COVERAGE_FILE, commandName, dropFlags, escapeRegExp, IMPROVE_RUN_DIR, type TestRunnerAdapter } from './runner.ts';

/**
 * The project's flags we drop: its reporter and the reporter's options (ours replaces it), watching,
 * stopping at the first failure (`--bail`: a loop needs every failing test, not the first), and
 * parallel mode. Under `--parallel` the main process gets copies of the tests its workers ran,
 * after each file, without the suite tree our reporter reads (the tests a failing hook kept from
 * running, when a file's tests are done); a suite made for it still runs serially, as mocha's
 * default. A config file's `parallel: true` cannot be undone from the command line (old mochas reject
 * `--no-parallel`): the reporter then still reads every test's result, only without those extras.
 */
const OWNED_FLAGS = [
  '--reporter',
  '-R',
  '--reporter-options',
  '--reporter-option',
  '-O',
  '--watch',
  '-w',
  '--watch-files',
  '--watch-ignore',
  '--watch-extensions',
  '--parallel',
  '-p',
  '--jobs',
  '-j',
  '--bail',
  '-b',
];
const WITH_VALUE = [
  '--reporter',
  '-R',
  '--reporter-options',
  '--reporter-option',
  '-O',
  '--watch-files',
  '--watch-ignore',
  '--watch-extensions',
  '--jobs',
  '-j',
];

/** Flags that make mocha do something other than run tests (`--dry-run` reports tests it never ran). */
const NOT_TESTS = ['--help', '-h', '--version', '-V', '--list-reporters', '--list-interfaces', '--reporters', '--interfaces', '--dry-run'];

const COVERAGE_SETUP_FILE = `${IMPROVE_RUN_DIR}/mocha-coverage.cjs`;

/**
 * Root hooks (a `--require`d module exporting `mochaHooks`, mocha 8 on) that record each test's
 * coverage. Older mochas load `--require`d modules before they define `beforeEach`, and ignore what
 * those export: their runs take no per-test coverage (localization then uses stack frames).
 */
const COVERAGE_SETUP_SOURCE = `// Written by recursive-improve for one test run; safe to delete.
'use strict';
var fs = require('fs');
var path = require('path');
var inspector = require('inspector');
${COVERAGE_RECORDER_SOURCE}
var recorder = improveCoverageRecorder(inspector, fs, path.join(__dirname, '..', ${JSON.stringify(COVERAGE_FILE)}));

exports.mochaHooks = {
  beforeEach: function (done) {
    // Taking coverage is no part of the project's hooks: never their time limit.
    this.timeout(0);
    recorder.begin(function () {
      done();
    });
  },
  afterEach: function (done) {
    this.timeout(0);
    var test = this.currentTest;
    var namePath = test.titlePath();
    recorder.end(path.resolve(test.file), namePath, test.state === 'passed', function () {
      done();
    });
  },
};
`;

export const mochaAdapter: TestRunnerAdapter = {
  name: 'mocha',
  label: 'mocha',
  packages: ['mocha'],
  configFiles: /^\.mocharc\.(js|cjs|yaml|yml|json|jsonc)$/,
  packageJsonKey: 'mocha',
  defaultCommand: 'mocha',
  invokedAt: (values, at) => mochaWordAt(values, at) !== undefined,
  asTestRun,
  // At the end: mocha takes the last of a repeated option (ours win over the script's, such as its
  // `--grep` in a rerun), and file arguments anywhere.
  argsAt: 'end',
  supportFiles: () => ({ [MOCHA_REPORTER_FILE]: MOCHA_REPORTER_SOURCE }),
  // Absolute: mocha would look a bare name up among its own reporters. Options on the command line
  // win over a project's `.mocharc`, `mocha` key in package.json and `test/mocha.opts`.
  reportArgs: (workdir) => ['--reporter', `${workdir}/${MOCHA_REPORTER_FILE}`],
  rerunArgs,
  coverage: {
    supportFiles: () => ({ [COVERAGE_SETUP_FILE]: COVERAGE_SETUP_SOURCE }),
    args: (workdir) => ['--require', `${workdir}/${COVERAGE_SETUP_FILE}`],
  },
};

/** mocha's scripts: `mocha`, `_mocha` (the one that runs in-process), under node_modules or not. */
function isMochaScript(value: string | undefined): boolean {
  const name = commandName(value);
  return name === 'mocha' || name === '_mocha' || /(^|\/)mocha\/bin\/_?mocha(\.js)?$/.test(value ?? '');
}

/**
 * The index of mocha's own word when `values[at]` invokes mocha: its script, or node running it
 * (`node --inspect node_modules/.bin/_mocha`, `node -r dotenv/config node_modules/mocha/bin/mocha`).
 * Between node and the script only node's flags and their values.
 */
function mochaWordAt(values: readonly string[], at: number): number | undefined {
  if (isMochaScript(values[at])) return at;
  if (commandName(values[at]) !== 'node') return undefined;
  for (let i = at + 1; i < values.length; i++) {
    if (isMochaScript(values[i])) return i;
    const flagValue = values[i - 1]!.startsWith('-') && i - 1 > at;
    if (!values[i]!.startsWith('-') && !flagValue) return undefined;
  }
  return undefined;
}

function asTestRun(words: readonly ShellWord[]): ShellWord[] | 'not-tests' {
  const at = mochaWordAt(
    words.map((w) => w.value),
    0,
  );
  if (at === undefined) return 'not-tests';
  const args = words.slice(at + 1);
  if (args[0]?.value === 'init') return 'not-tests';
  if (args.some((w) => NOT_TESTS.includes(w.value))) return 'not-tests';
  return [...words.slice(0, at + 1), ...dropFlags(args, OWNED_FLAGS, WITH_VALUE)];
}

/**
 * Their files, and their full titles (mocha's: suite titles and title joined by spaces) as one
 * anchored `--grep`, which every mocha has. A title we numbered, `x (2)`, is mocha's `x`.
 */
function rerunArgs(tests: readonly TestCaseResult[]): string[] {
  const files = [...new Set(tests.map((t) => t.file))];
  const titles = tests.flatMap((t) => {
    const full = t.namePath.join(' ');
    const unnumbered = full.replace(/ \(\d+\)$/, '');
    return unnumbered === full ? [full] : [full, unnumbered];
  });
  const names = [...new Set(titles.map(escapeRegExp))];
  return [...files, '--grep', `^(?:${names.join('|')})$`];
}

import type { TestCaseResult } from '../report.ts';
import { type ShellWord, word } from '../shell-words.ts';
import { JEST_COVERAGE_RUNNER_FILE, JEST_COVERAGE_RUNNER_SOURCE } from './jest-coverage.ts';
import { JEST_REPORTER_FILE, JEST_REPORTER_SOURCE } from './jest-reporter.ts';
import { commandName, dropFlags, escapeRegExp, type TestRunnerAdapter } from './runner.ts';

/**
 * Run once and leave the project's files alone: never watch (a project's config may ask to), never
 * write snapshots (`--ci`; they are test files), no coverage (its thresholds would fail a run whose
 * tests all pass). Put after the project's own flags: for jest the last of a repeated flag wins.
 */
const RUN_ONCE = ['--ci', '--watchAll=false', '--coverage=false'];

/**
 * The project's flags we drop: watching, running only what git says changed (a sandbox copy has no
 * history), snapshot updates, its own reporters and output files, and those RUN_ONCE sets.
 */
const OWNED_FLAGS = withKebabCase([
  '--watch',
  '--watchAll',
  '-o',
  '--onlyChanged',
  '-f',
  '--onlyFailures',
  '--lastCommit',
  '--changedSince',
  '--changedFilesWithAncestor',
  '-u',
  '--updateSnapshot',
  '--json',
  '--outputFile',
  '--reporters',
  '--coverage',
  '--collectCoverage',
  '--ci',
]);
const WITH_VALUE = withKebabCase(['--changedSince', '--outputFile', '--reporters']);

/** Flags that make jest do something other than run tests. */
const NOT_TESTS = withKebabCase(['--listTests', '--showConfig', '--clearCache', '--init', '--version', '--help', '-h']);

/** Node options that take their value as the next word (`node -r dotenv/config node_modules/.bin/jest`). */
const NODE_OPTIONS_WITH_VALUE = ['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--env-file'];

export const jestAdapter: TestRunnerAdapter = {
  name: 'jest',
  label: 'jest',
  packages: ['jest'],
  configFiles: /^jest\.config\.(js|cjs|mjs|ts|cts|mts|json)$/,
  packageJsonKey: 'jest',
  defaultCommand: 'jest',
  invokedAt: (values, at) => jestWordAt(values, at) !== undefined,
  asTestRun,
  // After everything, so the project's own file patterns never follow our `--reporters`, whose list
  // would swallow them.
  argsAt: 'end',
  supportFiles: () => ({ [JEST_REPORTER_FILE]: JEST_REPORTER_SOURCE }),
  // The default reporter for people reading the output, ours for progress lines and results.
  // Absolute, so a project's `rootDir` cannot move it.
  reportArgs: (workdir) => ['--reporters=default', `--reporters=${workdir}/${JEST_REPORTER_FILE}`],
  rerunArgs,
  coverage: {
    supportFiles: () => ({ [JEST_COVERAGE_RUNNER_FILE]: JEST_COVERAGE_RUNNER_SOURCE }),
    args: (workdir) => [`--testRunner=${workdir}/${JEST_COVERAGE_RUNNER_FILE}`],
  },
};

/**
 * The index of jest's own word when `values[at]` invokes jest: `jest`, `node_modules/.bin/jest`, or
 * node running jest's script (`node --experimental-vm-modules node_modules/jest/bin/jest.js`).
 */
function jestWordAt(values: readonly string[], at: number): number | undefined {
  const name = commandName(values[at]);
  if (name === 'jest') return at;
  if (name !== 'node') return undefined;
  let i = at + 1;
  while (i < values.length && values[i]!.startsWith('-')) i += NODE_OPTIONS_WITH_VALUE.includes(values[i]!) ? 2 : 1;
  const script = values[i];
  return script !== undefined && (commandName(script) === 'jest' || /(^|\/)jest(-cli)?\/bin\/jest\.js$/.test(script)) ? i : undefined;
}

function asTestRun(words: readonly ShellWord[]): ShellWord[] | 'not-tests' {
  const at = jestWordAt(
    words.map((w) => w.value),
    0,
  );
  if (at === undefined) return 'not-tests';
  const args = words.slice(at + 1);
  if (args.some((w) => NOT_TESTS.some((flag) => w.value === flag || w.value.startsWith(`${flag}=`)))) return 'not-tests';
  return [...words.slice(0, at + 1), ...dropFlags(args, OWNED_FLAGS, WITH_VALUE), ...RUN_ONCE.map(word)];
}

/**
 * Their full names (jest's: describe titles and title joined by spaces) as one pattern, then their
 * files as path patterns. The files come last: our `--reporters` list would take file patterns that
 * directly follow it, a pattern's value ends it.
 */
function rerunArgs(tests: readonly TestCaseResult[]): string[] {
  const names = [...new Set(tests.map((t) => escapeRegExp(t.namePath.join(' '))))];
  const files = [...new Set(tests.map((t) => `(?:^|/)${escapeRegExp(t.file)}$`))];
  return ['--testNamePattern', `^(?:${names.join('|')})$`, ...files];
}

/** Jest takes every flag in camelCase and kebab-case alike. */
function withKebabCase(flags: readonly string[]): string[] {
  return [...new Set(flags.flatMap((flag) => [flag, flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)]))];
}

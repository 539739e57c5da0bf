import { MAX_VALUE_CHARS, PROGRESS_MARKER } from '../progress-protocol.ts';
import type { TestCaseResult } from '../report.ts';
import { type ShellWord, word } from '../shell-words.ts';
import { commandName, dropFlags, escapeRegExp, IMPROVE_RUN_DIR, RESULTS_FILE, type TestRunnerAdapter } from './runner.ts';

/**
 * A vitest reporter, written into the sandbox next to the project, that prints one marker line per
 * finished test file (for live progress) with the expected/actual values of its failures (vitest's
 * JSON report keeps only message and stack), and one at the end with errors raised outside tests.
 * Plain JavaScript so vitest loads it without transforming.
 */
const PROGRESS_REPORTER_SOURCE = `// Written by recursive-improve for one test run; safe to delete.
const MARKER = ${JSON.stringify(PROGRESS_MARKER)};
const clip = (value) =>
  typeof value !== 'string' ? undefined : value.length > ${MAX_VALUE_CHARS} ? value.slice(0, ${MAX_VALUE_CHARS}) + '…' : value;
const emit = (event) => process.stdout.write(MARKER + JSON.stringify(event) + '\\n');

function namePath(test) {
  const names = [test.name];
  for (let parent = test.parent; parent && parent.type === 'suite'; parent = parent.parent) names.unshift(parent.name);
  return names;
}

export default class RecursiveImproveReporter {
  onTestRunStart(specifications) {
    emit({ type: 'start', files: specifications.length });
  }

  onTestModuleEnd(module) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const failures = [];
    for (const test of module.children.allTests()) {
      const result = test.result();
      if (result.state === 'passed') counts.passed++;
      else if (result.state === 'failed') {
        counts.failed++;
        const error = result.errors && result.errors[0];
        failures.push({ namePath: namePath(test), expected: clip(error && error.expected), actual: clip(error && error.actual) });
      } else counts.skipped++;
    }
    emit({ type: 'file', file: module.moduleId, ...counts, failures });
  }

  onTestRunEnd(modules, unhandledErrors, reason) {
    const unhandled = unhandledErrors.map((e) => clip(String((e && (e.stack || e.message)) || e)));
    emit({ type: 'end', reason, unhandled });
  }
}
`;

const REPORTER_FILE = `${IMPROVE_RUN_DIR}/vitest-reporter.mjs`;

/** Flags of ours that a project's own would clash with. */
const OWNED_FLAGS = ['--reporter', '--outputFile', '--watch', '-w', '--ui', '--run'];

/**
 * Vite bundles a TypeScript config into node_modules/.vite-temp by default, which fails where
 * node_modules is read-only (a sandbox mounts it so); the runner loader needs no temporary file.
 */
const CONFIG_LOADER = '--configLoader=runner';

export const vitestAdapter: TestRunnerAdapter = {
  name: 'vitest',
  label: 'vitest',
  packages: ['vitest'],
  configFiles: /^vitest\.config\.[cm]?[jt]s$/,
  defaultCommand: 'vitest run',
  invokedAt: (values, at) => commandName(values[at]) === 'vitest',
  asTestRun,
  argsAt: 'end',
  supportFiles: () => ({ [REPORTER_FILE]: PROGRESS_REPORTER_SOURCE }),
  // The default reporter for people reading the output, JSON for us, and our progress lines.
  // Absolute paths, so a project's own `root` setting cannot move them.
  reportArgs: (workdir) => [
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${workdir}/${RESULTS_FILE}`,
    `--reporter=${workdir}/${REPORTER_FILE}`,
  ],
  rerunArgs,
};

function asTestRun(words: readonly ShellWord[]): ShellWord[] | 'not-tests' {
  const [head, ...args] = words;
  let rest = args;
  const sub = rest[0]?.value;
  if (sub === 'bench' || sub === 'list' || sub === 'init' || sub === 'typecheck') return 'not-tests';
  if (sub === 'run' || sub === 'watch' || sub === 'dev') rest = rest.slice(1);
  const related = sub === 'related';
  if (related) rest = rest.slice(1);
  const kept = dropFlags(rest, OWNED_FLAGS, ['--reporter', '--outputFile']);
  const loader = kept.some((w) => w.value.startsWith('--configLoader')) ? [] : [word(CONFIG_LOADER)];
  return related ? [head!, word('related'), word('--run'), ...loader, ...kept] : [head!, word('run'), ...loader, ...kept];
}

/** Their files, and their full names as a pattern. */
function rerunArgs(tests: readonly TestCaseResult[]): string[] {
  const files = [...new Set(tests.map((t) => t.file))];
  const names = [...new Set(tests.map((t) => escapeRegExp(t.namePath.join(' > '))))];
  return [...files, '--testNamePattern', `^(?:${names.join('|')})$`];
}

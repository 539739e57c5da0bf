import type { TestCaseResult } from '../report.ts';
import type { ShellWord } from '../shell-words.ts';

/** The test runners whose results we read. */
export const RUNNER_NAMES = ['vitest', 'jest', 'mocha', 'node-test'] as const;
export type RunnerName = (typeof RUNNER_NAMES)[number];

/** Where our files go in the workspace, relative to its root. */
export const IMPROVE_RUN_DIR = '.improve';
/** The Jest-format JSON results a run leaves for us (see json-results.ts), whatever the runner. */
export const RESULTS_FILE = `${IMPROVE_RUN_DIR}/test-results.json`;
/**
 * Per-test line coverage a coverage run leaves (see `coverage` below): JSON lines, one per test that
 * ran, `{"file": <absolute test file>, "namePath": [...describe, title], "passed": bool, "lines":
 * {<absolute path or file:// URL of a module>: [0-based executed line numbers]}}`.
 */
export const COVERAGE_FILE = `${IMPROVE_RUN_DIR}/test-coverage.jsonl`;

/**
 * What we need to know of one test runner: how to recognise it in a command line, how to make it run
 * once with our reporter, and how to rerun a few tests. Every runner's run leaves the same two
 * things: Jest-format JSON results in RESULTS_FILE and our progress marker lines on stdout (see
 * progress-protocol.ts), so one reader turns any of them into a TestReport.
 */
export interface TestRunnerAdapter {
  readonly name: RunnerName;
  /** As people write it, for messages: `vitest`, `node --test`. */
  readonly label: string;
  /** Packages that, declared in package.json, make a project this runner's. */
  readonly packages: readonly string[];
  /** Config file names (in the project root) that make a project this runner's. */
  readonly configFiles: RegExp;
  /** A package.json key that configures it (`jest`), if any. */
  readonly packageJsonKey?: string;
  /** The command that runs its tests when the project has no test script. */
  readonly defaultCommand: string;
  /** Whether `values[at]` invokes this runner (its binary, or `node` with `--test`). */
  invokedAt(values: readonly string[], at: number): boolean;
  /**
   * The words from the runner's own word on, rewritten to run the tests once, without watching and
   * without the project's own reporter and output flags; 'not-tests' when the runner is invoked
   * for something else (a benchmark, a listing).
   */
  asTestRun(words: readonly ShellWord[]): ShellWord[] | 'not-tests';
  /** Whether arguments go right after the runner's word (before file patterns) or at the end. */
  readonly argsAt: 'after-runner' | 'end';
  /** Our reporter's files, written into the workspace before a run: relative path to content. */
  supportFiles(): Readonly<Record<string, string>>;
  /** Arguments that make a run print our progress lines and write RESULTS_FILE; `workdir` is absolute. */
  reportArgs(workdir: string): string[];
  /** Arguments that run exactly these tests again. */
  rerunArgs(tests: readonly TestCaseResult[]): string[];
  /**
   * How to take per-test line coverage in a run (V8 precise coverage read around each test by a
   * setup module of ours: a jest `setupFilesAfterEnv`, mocha root hooks, node:test hooks), written
   * to COVERAGE_FILE; absent for a runner where that cannot be done (localization then uses stack
   * frames, and says so). Used on top of `supportFiles` and `reportArgs`.
   */
  readonly coverage?: {
    supportFiles(): Readonly<Record<string, string>>;
    args(workdir: string): string[];
  };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The base name of a command word: `./node_modules/.bin/jest` is `jest`. */
export function commandName(value: string | undefined): string | undefined {
  return value?.split('/').at(-1);
}

/**
 * `words` without the flags in `owned` (as `--flag value`, `--flag=value` or `--flag.sub=value`);
 * `withValue` lists those of them that take a separate value.
 */
export function dropFlags(words: readonly ShellWord[], owned: readonly string[], withValue: readonly string[]): ShellWord[] {
  const kept: ShellWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const value = words[i]!.value;
    const flag = owned.find((f) => value === f || value.startsWith(`${f}=`) || value.startsWith(`${f}.`));
    if (!flag) {
      kept.push(words[i]!);
      continue;
    }
    if (withValue.includes(flag) && !value.includes('=')) i++;
  }
  return kept;
}

import { posix } from 'node:path';
import { SandboxFileNotFoundError } from '../sandbox/errors.ts';
import { sandboxNode } from '../sandbox/sandbox-node.ts';
import { shellQuote } from '../sandbox/shell.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { buildTestReport, errorReport, type ReportBase, type TestRunOutput } from './build-report.ts';
import { detectTestCommand, type TestCommand, testCommandLine } from './detect.ts';
import { mergeRerun, rerunCandidates } from './flaky.ts';
import { lineSplitter, type ProgressEvent, parseProgressLine, progressEvents } from './progress-protocol.ts';
import type { TestReport } from './report.ts';
import { projectRunner } from './runners/project-runner.ts';
import { runnerAdapter } from './runners/registry.ts';
import { COVERAGE_FILE, RESULTS_FILE } from './runners/runner.ts';

export interface TestProgress {
  /** The test file that just finished, relative to the project root. */
  file: string;
  passed: number;
  failed: number;
  /** Test files finished so far. */
  done: number;
  /** Test files in the run, once the runner has collected them (not every runner says). */
  total?: number;
}

export interface RunTestsOptions {
  /** Overrides the command detected from package.json. */
  testCommand?: string;
  /**
   * Where the tests run, relative to the workspace root: a monorepo's workspace package, whose
   * package.json gives the command. Reported paths stay relative to the root.
   */
  cwd?: string;
  /** Wall-clock limit per run of the command; defaults to the sandbox's limit. */
  timeoutMs?: number;
  /** How many times to rerun the tests that failed, to tell flaky tests from broken ones. */
  retries?: number;
  onProgress?: (progress: TestProgress) => void;
  /**
   * Take per-test coverage in the first run (the runner's `coverage` setup, into COVERAGE_FILE);
   * ignored for a runner that has none. See run-coverage.ts.
   */
  coverage?: boolean;
}

/**
 * Runs a project's tests in `sandbox` and reads the results into one `TestReport`. Never throws: a
 * suite that does not compile, a crashing or hanging runner, unreadable output or no tests at all
 * become a report with `error` set.
 */
export async function runTests(sandbox: Sandbox, options: RunTestsOptions = {}): Promise<TestReport> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const sandboxName = `${sandbox.provider}/${sandbox.isolation}`;
  // Which Node runs the suite; asked of the sandbox alongside the run when it cannot say at once.
  const node = sandboxNode(sandbox);
  const finish = async (report: TestReport): Promise<TestReport> => {
    const wallMs = Date.now() - started;
    const ranOn = await node;
    return { ...report, wallMs, ...(ranOn ? { node: ranOn } : {}) };
  };
  const base: ReportBase = { runner: 'unknown', command: '', sandbox: sandboxName, startedAt, wallMs: 0 };
  try {
    const packageJsonPath = options.cwd === undefined ? 'package.json' : `${options.cwd}/package.json`;
    const command = await detectTestCommand({
      packageJson: await readOptional(sandbox, packageJsonPath),
      ...(options.testCommand !== undefined ? { override: options.testCommand } : {}),
      runnerWithoutScript: async () => projectRunner(await readOptional(sandbox, packageJsonPath), await rootFiles(sandbox, options.cwd)),
    });
    if (command.runner === 'none') {
      return finish(errorReport(base, 'no-tests', `no test command: ${command.reason}`));
    }
    const run = async (extraArgs: string[], onProgress?: RunTestsOptions['onProgress'], coverage = false) =>
      buildTestReport(
        await executeRun(sandbox, command, {
          extraArgs,
          coverage,
          ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
          timeoutMs: options.timeoutMs ?? sandbox.limits.timeoutMs,
          startedAt,
          sandboxName,
          ...(onProgress ? { onProgress } : {}),
        }),
      );

    let report = await run([], options.onProgress, options.coverage);
    for (let attempt = 0; attempt < (options.retries ?? 0); attempt++) {
      const failing = rerunCandidates(report);
      if (failing.length === 0) break;
      if (command.runner === 'other') break;
      // Absolute paths: the runner's working directory may be a package below the root.
      const absolute = failing.map((test) => ({ ...test, file: `${sandbox.workdir.replace(/\/+$/, '')}/${test.file}` }));
      report = mergeRerun(report, await run(runnerAdapter(command.runner).rerunArgs(absolute)));
    }
    return finish(report);
  } catch (error) {
    return finish(errorReport(base, 'sandbox', `the sandbox failed: ${(error as Error).message}`));
  }
}

export interface RunSettings {
  extraArgs: string[];
  /** Add the runner's per-test coverage setup, when it has one. */
  coverage?: boolean;
  /** Where the command runs, relative to the workspace root (default the root). */
  cwd?: string;
  timeoutMs: number;
  startedAt: string;
  sandboxName: string;
  onProgress?: RunTestsOptions['onProgress'];
}

/** Runs the test command once and collects what it left behind, unparsed. */
export async function executeRun(
  sandbox: Sandbox,
  command: Exclude<TestCommand, { runner: 'none' }>,
  settings: RunSettings,
): Promise<TestRunOutput> {
  const adapter = command.runner === 'other' ? undefined : runnerAdapter(command.runner);
  const coverage = settings.coverage ? adapter?.coverage : undefined;
  const args = adapter ? [...adapter.reportArgs(sandbox.workdir), ...(coverage?.args(sandbox.workdir) ?? []), ...settings.extraArgs] : [];
  const line = testCommandLine(command, args);
  if (adapter) {
    const files = { ...adapter.supportFiles(), ...coverage?.supportFiles() };
    for (const [file, content] of Object.entries(files)) await sandbox.writeFile(file, content);
    if (coverage) await sandbox.writeFile(COVERAGE_FILE, '');
    // An empty file, so results left by an earlier run are never mistaken for this one's.
    await sandbox.writeFile(RESULTS_FILE, '');
  }

  const events: ProgressEvent[] = [];
  const progress = progressTracker(sandbox.workdir, settings.onProgress);
  const lines = lineSplitter((text) => {
    const event = parseProgressLine(text);
    if (!event) return;
    events.push(event);
    progress(event);
  });
  const started = Date.now();
  const result = await sandbox.executeCommand(withProjectBins(line, sandbox.workdir, settings.cwd), [], {
    timeout: settings.timeoutMs,
    onStdout: (chunk) => lines.push(chunk),
    ...(settings.cwd !== undefined ? { cwd: settings.cwd } : {}),
  });
  lines.end();
  // A sandbox that does not stream output still returns it whole.
  if (events.length === 0) events.push(...progressEvents(result.stdout));
  return {
    runner: command.runner,
    command: line,
    sandbox: settings.sandboxName,
    workdir: sandbox.workdir,
    startedAt: settings.startedAt,
    wallMs: Date.now() - started,
    exitCode: result.exitCode,
    timedOut: result.timedOut === true,
    timeoutMs: settings.timeoutMs,
    stdout: result.stdout,
    stderr: result.stderr,
    reportText: adapter ? await readOptional(sandbox, RESULTS_FILE) : undefined,
    events,
  };
}

/**
 * The line with the project's `node_modules/.bin` first on PATH, as `npm test` would run it (the
 * package's own, then the root's for a workspace package): a remote machine's PATH has neither.
 */
function withProjectBins(line: string, workdir: string, cwd: string | undefined): string {
  const dirs = [...new Set([cwd, '.'].flatMap((dir) => (dir === undefined ? [] : [posix.join(workdir, dir, 'node_modules', '.bin')])))];
  return `export PATH=${dirs.map(shellQuote).join(':')}:"$PATH"; ${line}`;
}

function progressTracker(workdir: string, onProgress: RunTestsOptions['onProgress']): (event: ProgressEvent) => void {
  let total: number | undefined;
  let done = 0;
  return (event) => {
    if (event.type === 'start') total = event.files;
    if (event.type !== 'file' || !onProgress) return;
    done++;
    const prefix = `${workdir.replace(/\/+$/, '')}/`;
    const file = event.file.startsWith(prefix) ? event.file.slice(prefix.length) : event.file;
    try {
      onProgress({ file, passed: event.passed, failed: event.failed, done, ...(total !== undefined ? { total } : {}) });
    } catch {
      // A listener's failure is its own; the run goes on.
    }
  };
}

async function readOptional(sandbox: Sandbox, path: string): Promise<string | undefined> {
  try {
    return await sandbox.readFile(path);
  } catch (error) {
    if (error instanceof SandboxFileNotFoundError) return undefined;
    throw error;
  }
}

/** The names in the project's own directory (config files say which runner a project uses). */
async function rootFiles(sandbox: Sandbox, cwd: string | undefined): Promise<string[]> {
  const listed = await sandbox.executeCommand('ls', ['-A'], { timeout: 30_000, ...(cwd !== undefined ? { cwd } : {}) });
  return listed.exitCode === 0 ? listed.stdout.split('\n').filter((name) => name !== '') : [];
}

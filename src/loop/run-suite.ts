import type { ImproveOptions } from '../contract/options.ts';
import { type EventWriter, emit } from '../events/emit.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { TestReport } from '../testing/report.ts';
import { runTests } from '../testing/run-tests.ts';
import { type LoopState, remainingMs } from './loop-state.ts';
import { summarizeSuite } from './stored.ts';
import { restoreTestFiles } from './test-guard.ts';

/** Shortest time a test run is given even when the budget is nearly spent: a run cut short proves nothing. */
const MIN_RUN_MS = 10_000;

/**
 * Runs the whole suite, streaming a `test-progress` event per finished file and a `test-run`
 * event at the end. The run may not outlast the time budget (nor the sandbox's own limit), but is
 * always given `minRunMs`. With the project's `testFiles`, any the run changed are put back and
 * named in the report.
 */
export async function runSuite(
  sandbox: Sandbox,
  options: ImproveOptions,
  budget: Pick<LoopState, 'startedAt' | 'pausedMs' | 'options'>,
  event: { writer: EventWriter | undefined; runId: string; phase: 'baseline' | 'retest' | 'confirm'; iteration: number },
  testFiles?: ReadonlySet<string>,
  minRunMs = MIN_RUN_MS,
): Promise<TestReport> {
  const { writer, runId, phase, iteration } = event;
  let progress = Promise.resolve();
  const report = await runTests(sandbox, {
    ...(options.testCommand !== undefined ? { testCommand: options.testCommand } : {}),
    ...(options.project !== undefined ? { cwd: options.project } : {}),
    timeoutMs: Math.min(sandbox.limits.timeoutMs, Math.max(minRunMs, remainingMs(budget, Date.now()))),
    retries: options.testRetries,
    // Progress arrives synchronously from the runner; the chain keeps the events in order.
    onProgress: ({ file, passed, failed, done, total }) => {
      progress = progress.then(() =>
        emit(writer, budget, {
          type: 'test-progress',
          runId,
          phase,
          iteration,
          file,
          passed,
          failed,
          done,
          ...(total !== undefined ? { total } : {}),
        }),
      );
    },
  });
  await progress;
  await emit(writer, budget, { type: 'test-run', runId, phase, iteration, suite: summarizeSuite(report, { node: phase === 'baseline' }) });
  return testFiles ? withRestoredTests(report, await restoreTestFiles(sandbox, options.projectDir, testFiles)) : report;
}

/** The report, naming the test files its run changed (already put back). */
export function withRestoredTests(report: TestReport, rewritten: readonly string[]): TestReport {
  return rewritten.length > 0 ? { ...report, rewrittenTests: [...rewritten] } : report;
}

import type { TestFileResult, TestStatus } from '../../../testing/report.ts';
import type { CandidateOutcome, TestState, TestStates } from './runner.ts';

const STATE_OF: Record<TestStatus, TestState> = { passed: 'passed', failed: 'failed', skipped: 'skipped', todo: 'skipped' };

/** A candidate's outcome from the per-file results of its run, read as the report reads them. */
export function outcomeOfFiles(key: string, files: readonly TestFileResult[], timedOut: boolean): CandidateOutcome {
  const states: TestStates = {};
  const fileErrors: Record<string, string> = {};
  for (const file of files) {
    for (const test of file.tests) states[test.id] = STATE_OF[test.status];
    if (file.error) fileErrors[file.file] = file.error;
  }
  return { key, states, fileErrors, timedOut, starved: false };
}

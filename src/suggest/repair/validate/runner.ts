import type { RunEntry, TestStates } from './scripts/protocol.ts';

export type { RunEntry, TestState, TestStates } from './scripts/protocol.ts';

/** What one candidate's run gave. */
export interface RunOutcome {
  key: string;
  /** States of the tests the run reached; a test missing here did not run (e.g. its file broke). */
  states: TestStates;
  /** Test files that failed as a whole, with the error (a syntax error in the patch, a throw at import). */
  fileErrors: Record<string, string>;
  /** The run hit its time limit (typically an infinite loop in the candidate). */
  timedOut: boolean;
}

/** Runs test files of the project with candidate files swapped in, inside the sandbox. */
export interface CandidateRunner {
  readonly kind: 'hot' | 'cold';
  /** The project's test files, project-relative. */
  readonly testFiles: readonly string[];
  /** Candidates one run takes at once; `run` splits longer lists itself. */
  readonly batchSize: number;
  run(entries: RunEntry[]): Promise<RunOutcome[]>;
  close(): Promise<void>;
}

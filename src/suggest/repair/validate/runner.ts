import type { EntryResult, RunEntry } from './scripts/protocol.ts';

export type { RunEntry, TestState, TestStates } from './scripts/protocol.ts';

/** What one candidate's run gave (see EntryResultSchema). */
export type CandidateOutcome = EntryResult;

export interface CandidateRunOptions {
  /** Give each candidate its full time limit, with no early call on a stall (a second look at timeouts). */
  patient?: boolean;
}

/** Runs test files of the project with candidate files swapped in, inside the sandbox. */
export interface CandidateRunner {
  readonly kind: 'hot' | 'cold';
  /** The project's test files, project-relative. */
  readonly testFiles: readonly string[];
  /** Candidates one run takes at once; `run` splits longer lists itself. */
  readonly batchSize: number;
  /** The run of the unpatched project that candidates are judged against. */
  unpatched(): Promise<CandidateOutcome>;
  /** Outcomes in the order of `entries`. */
  run(entries: RunEntry[], options?: CandidateRunOptions): Promise<CandidateOutcome[]>;
  close(): Promise<void>;
}

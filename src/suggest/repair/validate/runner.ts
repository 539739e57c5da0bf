import type { EntryResult, RunEntry } from './scripts/protocol.ts';

export type { RunEntry, TestState, TestStates } from './scripts/protocol.ts';

/** What one candidate's run gave (see EntryResultSchema). */
export type RunOutcome = EntryResult;

/** Runs test files of the project with candidate files swapped in, inside the sandbox. */
export interface CandidateRunner {
  readonly kind: 'hot' | 'cold';
  /** The project's test files, project-relative. */
  readonly testFiles: readonly string[];
  /** Candidates one run takes at once; `run` splits longer lists itself. */
  readonly batchSize: number;
  /** The run of the unpatched project that candidates are judged against. */
  unpatched(): Promise<RunOutcome>;
  run(entries: RunEntry[]): Promise<RunOutcome[]>;
  close(): Promise<void>;
}

import type { Finding } from '../contract/finding.ts';
import type { Learned } from '../learn/learned.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { TestReport } from '../testing/report.ts';
import type { Suggestion } from './suggestion.ts';

/** A rejected attempt, fed back so suggesters do not propose it again (ChatRepair style). */
export interface RejectedAttempt {
  suggestion: Suggestion;
  reason: string;
}

export interface SuggestContext {
  /** Sandbox holding the current (patched so far) state of the project. */
  sandbox: Sandbox;
  report: TestReport;
  findings: Finding[];
  rejected: RejectedAttempt[];
  /**
   * The project's files of the tests beyond naming conventions (what its runner runs, its set-up,
   * helpers and fixtures only tests use): read them, never edit them; an edit to one is refused.
   */
  testFiles?: ReadonlySet<string>;
  /** The command the run's tests are run with, when the user gave one (package.json's otherwise). */
  testCommand?: string;
  /** The monorepo workspace package whose tests the run runs, relative to the sandbox's root. */
  project?: string;
  /**
   * For a suggester whose search stopped before it was done (its time ran out, or the machine was
   * too busy to judge candidates): nothing found is then not nothing left. The loop counts the
   * call as a try without progress and goes on (patience and the budgets bound it) instead of
   * stopping as `exhausted`.
   */
  searchUnfinished?: (reason: string) => void;
  signal?: AbortSignal;
  /** What the project's earlier decisions taught (operator priors, areas, what it turned down and why). */
  learned?: Learned;
  /** Milliseconds this call may spend. */
  budgetMs?: number;
}

/** Something that turns findings into candidate changes. Pluggable: repair engine, model, scripted. */
export interface Suggester {
  readonly name: string;
  suggest(context: SuggestContext): Promise<Suggestion[]>;
  /** Model tokens spent so far, for a suggester that calls a model: the loop holds the token budget by it. */
  readonly tokensUsed?: number;
}

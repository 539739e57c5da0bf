import type { CandidateOutcome, TestStates } from './runner.ts';

/**
 * - plausible: every failing test passes, nothing that passed broke (over the whole suite)
 * - partial: some failing tests pass, nothing broke, some still fail (a first edit of a multi-location fix)
 * - no-progress: no failing test passes, nothing broke
 * - regression: a test that passed does not anymore (failed, hung or no longer runs)
 * - timeout: the run hit its time limit
 */
export type VerdictKind = 'plausible' | 'partial' | 'no-progress' | 'regression' | 'timeout';

export interface Verdict {
  kind: VerdictKind;
  /** Failing in the baseline, passing now. */
  fixed: string[];
  /** Passing in the baseline, not passing now. */
  broke: string[];
  /** Failing in the baseline and still. */
  stillFailing: string[];
}

/** The tests of `files` (project-relative test files) in a state map. */
function testsOf(states: TestStates, files: ReadonlySet<string>): string[] {
  return Object.keys(states).filter((id) => files.has(fileOf(id)));
}

/** The test file part of a test id (`<file> > <describe> > ... > <test>`). */
export function fileOf(testId: string): string {
  const at = testId.indexOf(' > ');
  return at < 0 ? testId : testId.slice(0, at);
}

/**
 * Compares a candidate's run with the baseline over the test files that run covered. A baseline
 * test the run did not reach counts as not passing: a patch that breaks a test file's import
 * breaks its tests.
 */
export function judge(baseline: TestStates, outcome: CandidateOutcome, files: ReadonlySet<string>): Verdict {
  const fixed: string[] = [];
  const broke: string[] = [];
  const stillFailing: string[] = [];
  for (const id of testsOf(baseline, files)) {
    const before = baseline[id];
    const passesNow = outcome.states[id] === 'passed';
    if (before === 'failed') (passesNow ? fixed : stillFailing).push(id);
    else if (before === 'passed' && !passesNow) broke.push(id);
  }
  return classify({ fixed, broke, stillFailing }, outcome.timedOut);
}

/** Joins the verdicts of the two phases (failing tests' files, then the rest of the suite). */
export function combine(first: Verdict, second: Verdict): Verdict {
  return classify(
    {
      fixed: [...first.fixed, ...second.fixed],
      broke: [...first.broke, ...second.broke],
      stillFailing: [...first.stillFailing, ...second.stillFailing],
    },
    first.kind === 'timeout' || second.kind === 'timeout',
  );
}

function classify(tests: Omit<Verdict, 'kind'>, timedOut: boolean): Verdict {
  const kind: VerdictKind = timedOut
    ? 'timeout'
    : tests.broke.length > 0
      ? 'regression'
      : tests.fixed.length === 0
        ? 'no-progress'
        : tests.stillFailing.length > 0
          ? 'partial'
          : 'plausible';
  return { kind, ...tests };
}

import type { Finding } from '../../contract/finding.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import type { TestReport } from '../../testing/report.ts';
import { HotRunner } from '../repair/validate/hot.ts';
import { judge, type Verdict } from '../repair/validate/judge.ts';
import type { CandidateRunner, TestStates } from '../repair/validate/runner.ts';
import { type Baseline, measureBaseline, type ValidationCandidate, validateCandidates } from '../repair/validate/validate.ts';

export type { ValidationCandidate };

/**
 * Time one validation run may take: a few times what the whole suite took in the last report,
 * so a suite with slow tests is not mistaken for a hung candidate, and never under 30 s: a model
 * proposes few candidates, so a generous limit costs little, while a busy machine can make a
 * healthy run several times slower than the last one.
 */
export function runLimitFor(report: TestReport): number {
  return Math.max(30_000, Math.round(report.wallMs * 4));
}

/** What validation made of one candidate. */
export interface CandidateResult {
  id: string;
  accepted: boolean;
  fixed: string[];
  broke: string[];
  /** Why it was turned down (one line), or what it achieved. */
  reason: string;
}

/** Runs candidates against the project's tests in the sandbox. */
export interface CandidateValidator {
  validate(
    candidates: ValidationCandidate[],
    finding: Finding,
    limits: { deadline: number; signal?: AbortSignal },
  ): Promise<CandidateResult[]>;
}

/**
 * Validation with the repair engine's machinery (warm vitest in the sandbox, baseline, judge), so a
 * model's change passes exactly the bar an offline repair does. A change for a failing test must
 * make failing tests pass, failing test files first, then the whole suite, with no regression. A
 * change for any other finding must keep every test as it was: nothing that passed may break.
 */
export function sandboxValidator(sandbox: Sandbox, options: { perRunTimeoutMs?: number } = {}): CandidateValidator {
  return {
    async validate(candidates, finding, limits) {
      if (candidates.length === 0) return [];
      // A model sends a handful of candidates: run them one by one in place rather than pay for
      // setting up (and cross-checking) slot copies of the project.
      const runner = await HotRunner.start({ sandbox, batchSize: 1, ...options });
      try {
        const baseline = await measureBaseline(runner);
        const verdicts =
          finding.category === 'failure' && baseline.failing.length > 0
            ? await fixVerdicts(runner, baseline, candidates, limits)
            : await keepGreenVerdicts(runner, baseline.states, candidates);
        return candidates.map((candidate) => toResult(candidate.id, verdicts.get(candidate.id), finding));
      } finally {
        await runner.close();
      }
    },
  };
}

async function fixVerdicts(
  runner: CandidateRunner,
  baseline: Baseline,
  candidates: ValidationCandidate[],
  limits: { deadline: number; signal?: AbortSignal },
): Promise<Map<string, Verdict>> {
  const run = await validateCandidates(runner, baseline, candidates, {
    maxCandidates: candidates.length,
    deadline: limits.deadline,
    stopAfterPlausible: candidates.length,
    ...(limits.signal ? { signal: limits.signal } : {}),
  });
  return new Map(run.results.map((result) => [result.id, result.verdict]));
}

/** The whole suite on every candidate, judged against the unpatched run. */
async function keepGreenVerdicts(
  runner: CandidateRunner,
  baseline: TestStates,
  candidates: ValidationCandidate[],
): Promise<Map<string, Verdict>> {
  const specs = [...runner.testFiles];
  const outcomes = await runner.run(candidates.map((candidate) => ({ key: candidate.id, files: candidate.files, specs })));
  const allFiles = new Set(specs);
  return new Map(outcomes.map((outcome) => [outcome.key, judge(baseline, outcome, allFiles)]));
}

function toResult(id: string, verdict: Verdict | undefined, finding: Finding): CandidateResult {
  if (!verdict) return { id, accepted: false, fixed: [], broke: [], reason: 'not validated: the time for validation ran out' };
  const { fixed, broke } = verdict;
  const base = { id, fixed, broke };
  switch (verdict.kind) {
    case 'timeout':
      return { ...base, accepted: false, reason: 'the tests did not finish in time with this change (an endless loop?)' };
    case 'regression':
      return { ...base, accepted: false, reason: `it breaks tests that passed: ${list(broke)}` };
    case 'no-progress':
      return finding.category === 'failure'
        ? { ...base, accepted: false, reason: `the failing tests still fail: ${list(ownTests(verdict.stillFailing, finding))}` }
        : { ...base, accepted: true, reason: 'every test still passes' };
    case 'partial':
      return { ...base, accepted: true, reason: `fixes ${list(fixed)}; still failing: ${list(ownTests(verdict.stillFailing, finding))}` };
    case 'plausible':
      return { ...base, accepted: true, reason: fixed.length > 0 ? `fixes ${list(fixed)} and breaks nothing` : 'every test still passes' };
  }
}

/** The finding's own tests among `tests` (the others belong to other findings), or all when it names none of them. */
function ownTests(tests: readonly string[], finding: Finding): string[] {
  const own = tests.filter((test) => finding.tests.includes(test));
  return own.length > 0 ? own : [...tests];
}

function list(tests: readonly string[]): string {
  return tests.length <= 3 ? tests.join(', ') : `${tests.slice(0, 3).join(', ')} and ${tests.length - 3} more`;
}

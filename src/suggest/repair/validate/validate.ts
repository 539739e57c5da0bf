import { combine, fileOf, judge, type Verdict } from './judge.ts';
import type { CandidateRunner, CandidateRunOptions, RunEntry, TestStates } from './runner.ts';

/** A candidate patch as the validator sees it: the full new contents of the files it changes. */
export interface ValidationCandidate {
  id: string;
  files: Record<string, string>;
}

export interface ValidatedCandidate {
  id: string;
  verdict: Verdict;
}

/** The unpatched project's test results, split into the files that fail and the rest. */
export interface Baseline {
  states: TestStates;
  failing: string[];
  /** Test files holding a failing test: run first, so most candidates fail fast. */
  failingFiles: string[];
  otherFiles: string[];
}

export interface ValidateOptions {
  maxCandidates: number;
  /** Epoch ms after which no new run starts. */
  deadline: number;
  /** Stop once this many plausible candidates are found. */
  stopAfterPlausible: number;
  /**
   * Once a candidate made progress (a partial fix), validate at most this many more looking for a
   * complete one. Several independent faults have no complete single edit; the loop takes the
   * partial fix and comes back for the rest. Unset: no such limit.
   */
  afterPartial?: number;
  signal?: AbortSignal;
}

export type StopReason = 'exhausted' | 'plausible' | 'partial' | 'max-candidates' | 'deadline' | 'aborted';

export interface ValidationRun {
  results: ValidatedCandidate[];
  stoppedBy: StopReason;
  /** Test runs (each one batch of one phase). */
  runs: number;
  ms: number;
}

export async function measureBaseline(runner: CandidateRunner): Promise<Baseline> {
  const outcome = await runner.unpatched();
  if (outcome.timedOut) throw new Error('the unpatched test suite did not finish within the run time limit');
  const failing = Object.keys(outcome.states).filter((id) => outcome.states[id] === 'failed');
  const failingFiles = [...new Set(failing.map(fileOf))];
  // Test files that broke as a whole (e.g. an import that throws) have failing tests nobody saw.
  for (const file of Object.keys(outcome.fileErrors)) if (!failingFiles.includes(file)) failingFiles.push(file);
  return {
    states: outcome.states,
    failing,
    failingFiles,
    otherFiles: runner.testFiles.filter((file) => !failingFiles.includes(file)),
  };
}

/**
 * Validates candidates in order, a batch at a time: first against the test files that fail (most
 * candidates fail there, fast), then the ones that made progress against the rest of the suite,
 * so that a candidate breaking a test that passed is rejected.
 */
export async function validateCandidates(
  runner: CandidateRunner,
  baseline: Baseline,
  candidates: Iterable<ValidationCandidate>,
  options: ValidateOptions,
): Promise<ValidationRun> {
  const started = performance.now();
  const results: ValidatedCandidate[] = [];
  let runs = 0;
  const plausible = () => results.filter((result) => result.verdict.kind === 'plausible').length;
  const judgeBatch = async (batch: ValidationCandidate[], runOptions: CandidateRunOptions) => {
    const judged = await judgeInPhases(runner, baseline, batch, runOptions);
    runs += judged.runs;
    return judged.verdicts;
  };
  const firstPartial = () => results.findIndex((result) => result.verdict.kind === 'partial');
  const stopReason = (): StopReason | null => {
    if (options.signal?.aborted) return 'aborted';
    if (plausible() >= options.stopAfterPlausible) return 'plausible';
    const partialAt = firstPartial();
    if (options.afterPartial !== undefined && partialAt >= 0 && results.length - partialAt - 1 >= options.afterPartial) return 'partial';
    if (results.length >= options.maxCandidates) return 'max-candidates';
    if (Date.now() >= options.deadline) return 'deadline';
    return null;
  };
  const done = (stoppedBy: StopReason): ValidationRun => ({ results, stoppedBy, runs, ms: performance.now() - started });

  const iterator = candidates[Symbol.iterator]();
  const tried: ValidationCandidate[] = [];
  for (;;) {
    const stop = stopReason();
    if (stop) return done(stop);
    const batch = take(iterator, Math.min(runner.batchSize, options.maxCandidates - results.length));
    if (batch.length === 0) break;
    tried.push(...batch);
    const verdicts = await judgeBatch(batch, {});
    results.push(...batch.map((candidate, i) => ({ id: candidate.id, verdict: verdicts[i]! })));
  }

  // Every candidate was tried and too few are plausible: those cut short as hung may only have
  // been slow (a loaded machine), so they get a second, patient look.
  const retry = tried.filter((_, i) => results[i]!.verdict.kind === 'timeout');
  const byId = new Map(results.map((result, i) => [result.id, i]));
  for (let i = 0; i < retry.length; i += runner.batchSize) {
    const stop = stopReason();
    if (stop) return done(stop);
    const batch = retry.slice(i, i + runner.batchSize);
    const verdicts = await judgeBatch(batch, { patient: true });
    batch.forEach((candidate, j) => {
      results[byId.get(candidate.id)!] = { id: candidate.id, verdict: verdicts[j]! };
    });
  }
  return done('exhausted');
}

/**
 * One batch: first against the test files that fail, then the candidates that made progress
 * against the rest of the suite. Verdicts in the order of `batch`.
 */
async function judgeInPhases(
  runner: CandidateRunner,
  baseline: Baseline,
  batch: ValidationCandidate[],
  runOptions: CandidateRunOptions,
): Promise<{ verdicts: Verdict[]; runs: number }> {
  const failingFiles = new Set(baseline.failingFiles);
  const otherFiles = new Set(baseline.otherFiles);
  const first = await runner.run(
    batch.map((candidate) => entry(candidate, baseline.failingFiles)),
    runOptions,
  );
  const verdicts = first.map((outcome) => judge(baseline.states, outcome, failingFiles));
  const promising = batch.flatMap((candidate, i) => (isPromising(verdicts[i]!) ? [{ candidate, i }] : []));
  if (promising.length === 0 || otherFiles.size === 0) return { verdicts, runs: 1 };
  const second = await runner.run(
    promising.map(({ candidate }) => entry(candidate, baseline.otherFiles)),
    runOptions,
  );
  promising.forEach(({ i }, j) => {
    verdicts[i] = combine(verdicts[i]!, judge(baseline.states, second[j]!, otherFiles));
  });
  return { verdicts, runs: 2 };
}

/** Fixes some failing test and breaks nothing so far: worth running the rest of the suite on. */
function isPromising(verdict: Verdict): boolean {
  return verdict.kind === 'plausible' || verdict.kind === 'partial';
}

function entry(candidate: ValidationCandidate, specs: string[]): RunEntry {
  return { key: candidate.id, files: candidate.files, specs };
}

function take<T>(iterator: Iterator<T>, count: number): T[] {
  const items: T[] = [];
  while (items.length < count) {
    const next = iterator.next();
    if (next.done) break;
    items.push(next.value);
  }
  return items;
}

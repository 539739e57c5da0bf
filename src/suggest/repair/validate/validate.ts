import { combine, fileOf, judge, type Verdict } from './judge.ts';
import type { CandidateRunner, RunEntry, TestStates } from './runner.ts';

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
  signal?: AbortSignal;
}

export type StopReason = 'exhausted' | 'plausible' | 'max-candidates' | 'deadline' | 'aborted';

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
  const failingFiles = new Set(baseline.failingFiles);
  const otherFiles = new Set(baseline.otherFiles);
  let runs = 0;
  let plausible = 0;
  const iterator = candidates[Symbol.iterator]();

  const stopReason = (): StopReason | null => {
    if (options.signal?.aborted) return 'aborted';
    if (plausible >= options.stopAfterPlausible) return 'plausible';
    if (results.length >= options.maxCandidates) return 'max-candidates';
    if (Date.now() >= options.deadline) return 'deadline';
    return null;
  };

  for (;;) {
    const stop = stopReason();
    if (stop) return { results, stoppedBy: stop, runs, ms: performance.now() - started };
    const batch = take(iterator, Math.min(runner.batchSize, options.maxCandidates - results.length));
    if (batch.length === 0) return { results, stoppedBy: 'exhausted', runs, ms: performance.now() - started };

    const first = await runner.run(batch.map((candidate) => entry(candidate, baseline.failingFiles)));
    runs++;
    const verdicts = new Map(batch.map((candidate, i) => [candidate.id, judge(baseline.states, first[i]!, failingFiles)]));
    const promising = batch.filter((candidate) => isPromising(verdicts.get(candidate.id)!));
    if (promising.length > 0 && otherFiles.size > 0) {
      const second = await runner.run(promising.map((candidate) => entry(candidate, baseline.otherFiles)));
      runs++;
      promising.forEach((candidate, i) => {
        verdicts.set(candidate.id, combine(verdicts.get(candidate.id)!, judge(baseline.states, second[i]!, otherFiles)));
      });
    }
    for (const candidate of batch) {
      const verdict = verdicts.get(candidate.id)!;
      if (verdict.kind === 'plausible') plausible++;
      results.push({ id: candidate.id, verdict });
    }
  }
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

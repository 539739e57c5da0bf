import { readSourceFiles } from '../../analysis/source-files.ts';
import type { Finding } from '../../contract/finding.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { allTests, type TestReport } from '../../testing/report.ts';
import { type CoverageResult, collectTestCoverage } from '../../testing/run-coverage.ts';
import type { TestCoverage } from '../../testing/test-coverage.ts';
import type { SuggestContext, Suggester } from '../suggester.ts';
import type { Suggestion } from '../suggestion.ts';
import { perTestCoverage } from './coverage.ts';
import {
  type GenerateCandidatesInput,
  generateCandidates,
  generateFollowUpCandidates,
  type RepairCandidate,
} from './generate-candidates.ts';
import { localizeFaults } from './localize/localize.ts';
import type { SuspiciousLocation } from './localize/suspicious-location.ts';
import { ColdRunner } from './validate/cold.ts';
import { HotRunner } from './validate/hot.ts';
import type { Verdict, VerdictKind } from './validate/judge.ts';
import type { CandidateRunner } from './validate/runner.ts';
import { WARM_RUNNERS, type WarmRunner } from './validate/scripts/protocol.ts';
import { type Baseline, measureBaseline, validateCandidates } from './validate/validate.ts';

export interface RepairSuggesterOptions {
  /** Most candidates validated per call, follow-ups included (default 300). */
  maxCandidates?: number;
  /**
   * Milliseconds one call may spend; the context's `budgetMs` lowers it. Default: 60 s, or the
   * time of SEARCH_SUITE_RUNS runs of the suite as it ran last when that is longer, so the search
   * gets as far on a busy or slow machine as on an idle one.
   */
  timeBudgetMs?: number;
  /** Least time limit per candidate on a validation run; raised for slow suites (default 2 s). */
  perRunTimeoutMs?: number;
  /** Candidates validated together in one warm vitest run (default 8; mocha's and jest's workers take one). */
  batchSize?: number;
  /** `hot`: the warm worker only; `cold`: a run of the test command per candidate; `auto` (default): hot, else cold. */
  validator?: 'auto' | 'hot' | 'cold';
  /** Collect per-test coverage for Ochiai localization (default true; for vitest, with the hot validator only). */
  coverage?: boolean;
  /** Stop after this many plausible fixes, returned best first (default 1). */
  maxSuggestions?: number;
  /**
   * After the first partial fix, candidates still validated in search of a complete one (default
   * 60). With several independent faults none is complete: the loop keeps the partial fix and
   * comes back for the rest, instead of this call trying every candidate first.
   */
  afterPartial?: number;
  /** Progress edits on top of which second edits are tried (default 3), and second edits per progress edit (default 40). */
  followUpBases?: number;
  followUpsPerBase?: number;
  /** Per-operator priors (0 disables one), over the learned ones (`SuggestContext.learned`); see generate-candidates.ts. */
  priors?: Readonly<Record<string, number>>;
  /** Gets the figures of every call (for benchmarks and logs). */
  onRun?: (stats: RepairRunStats) => void;
}

/** What one call of the repair suggester did. */
export interface RepairRunStats {
  validator: 'hot' | 'cold';
  /** Why the hot validator was not used, when it was not. */
  fallbackReason?: string;
  localization: 'coverage' | 'frames';
  /** Why coverage was not used, when it was not. */
  coverageSkipped?: string;
  baselineFailing: number;
  /** Candidates validated (single edits, then follow-ups). */
  tried: number;
  followUpsTried: number;
  /** Index (1-based, in validation order) of the first plausible candidate; undefined when none. */
  triedToFirstFix?: number;
  plausible: number;
  /** Tried candidates by verdict (a timeout is one still hung after a patient second look). */
  verdicts: Partial<Record<VerdictKind, number>>;
  /** Milliseconds: validator start (with the unpatched run and coverage), localization + generation, validation, all. */
  ms: { start: number; generate: number; validate: number; total: number };
  /** Validated candidates per second of validation time. */
  candidatesPerSecond: number;
}

const DEFAULTS: Required<Omit<RepairSuggesterOptions, 'priors' | 'onRun' | 'timeBudgetMs'>> = {
  maxCandidates: 300,
  perRunTimeoutMs: 2_000,
  batchSize: 8,
  validator: 'auto',
  coverage: true,
  maxSuggestions: 1,
  afterPartial: 60,
  followUpBases: 3,
  followUpsPerBase: 40,
};
const MIN_SEARCH_MS = 60_000;
const SEARCH_SUITE_RUNS = 15;
/** A candidate's run may take this many times the suite's own test time (or `perRunTimeoutMs`, if more). */
const RUN_TIME_FACTOR = 4;
/**
 * A run is hung after this many times the slowest test's time without progress, or FILE_STALL_FACTOR
 * times the slowest test file's (a file loading its modules shows no sign of life: a second or
 * more of jest's set-up per file), and never sooner than MIN_STALL_MS.
 */
const STALL_FACTOR = 10;
const FILE_STALL_FACTOR = 2;
const MIN_STALL_MS = 600;

export function createRepairSuggester(options: RepairSuggesterOptions = {}): Suggester {
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  return {
    name: 'repair',
    suggest: (context) => repair(context, settings),
  };
}

type Settings = typeof DEFAULTS & Pick<RepairSuggesterOptions, 'priors' | 'onRun' | 'timeBudgetMs'>;

/** One tried candidate and what validation said of it. */
interface Tried {
  candidate: RepairCandidate;
  verdict: Verdict;
}

async function repair(context: SuggestContext, settings: Settings): Promise<Suggestion[]> {
  const started = performance.now();
  const { sandbox, report } = context;
  const searchMs = settings.timeBudgetMs ?? Math.max(MIN_SEARCH_MS, SEARCH_SUITE_RUNS * report.wallMs);
  const deadline = Date.now() + Math.min(searchMs, context.budgetMs ?? Infinity);
  if (failingIds(report).length === 0) return [];

  const clock = stopwatch();
  // Reading the sources overlaps with the worker's start.
  const [opened, read] = await Promise.allSettled([openRunner(context, settings), readRepairFiles(sandbox, report)]);
  if (opened.status === 'rejected') throw opened.reason;
  const { runner, baseline, fallbackReason, coldCoverage } = opened.value;
  if (read.status === 'rejected') {
    await runner.close();
    throw read.reason;
  }
  const files = read.value;
  const ms = { start: clock(), generate: 0, validate: 0, total: 0 };
  try {
    if (baseline.failing.length === 0) {
      // The report has failing tests the validator did not see fail: nothing was searched.
      context.searchUnfinished?.('the repair validator did not see the failing tests fail (the machine may be too busy)');
      return [];
    }
    const { coverage, coverageSkipped } = coverageFor(runner, settings, coldCoverage);
    // The tests' own files (helpers, fixtures) may be suspicious, but are never repaired.
    const suspicious = localizeFaults({ files, report, ...(coverage ? { coverage } : {}) }).filter(
      (location) => !context.testFiles?.has(location.file),
    );
    const exclude = new Set(context.rejected.map((attempt) => candidateIdOf(attempt.suggestion.id)));
    const ordering = searchOrder(context, settings);
    const singles = generateCandidates({ files, suspicious, maxCandidates: settings.maxCandidates, exclude, ...ordering });
    ms.generate = clock();

    const tried: Tried[] = [];
    let outOfTime = false;
    const validate = async (candidates: RepairCandidate[], maxCandidates: number): Promise<void> => {
      const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
      const run = await validateCandidates(
        runner,
        baseline,
        candidates.map((candidate) => ({ id: candidate.id, files: candidate.patched })),
        {
          maxCandidates,
          deadline,
          stopAfterPlausible: settings.maxSuggestions - plausibleOf(tried).length,
          afterPartial: settings.afterPartial,
          ...(context.signal ? { signal: context.signal } : {}),
        },
      );
      tried.push(...run.results.map(({ id, verdict }) => ({ candidate: byId.get(id)!, verdict })));
      if (run.stoppedBy === 'deadline') outOfTime = true;
    };
    await validate(singles, settings.maxCandidates);
    const singlesTried = tried.length;
    await tryFollowUps({ files, suspicious, tried, settings, ordering, exclude, validate });
    ms.validate = clock();
    ms.total = performance.now() - started;

    const plausible = plausibleOf(tried);
    const firstFix = tried.findIndex((entry) => entry.verdict.kind === 'plausible');
    settings.onRun?.({
      validator: runner.kind,
      ...(fallbackReason ? { fallbackReason } : {}),
      localization: coverage ? 'coverage' : 'frames',
      ...(coverageSkipped ? { coverageSkipped } : {}),
      baselineFailing: baseline.failing.length,
      tried: tried.length,
      followUpsTried: tried.length - singlesTried,
      ...(firstFix >= 0 ? { triedToFirstFix: firstFix + 1 } : {}),
      plausible: plausible.length,
      verdicts: countVerdicts(tried),
      ms,
      candidatesPerSecond: ms.validate > 0 ? tried.length / (ms.validate / 1000) : 0,
    });
    const chosen = plausible.length > 0 ? plausible : bestPartial(tried).slice(0, 1);
    const timedOut = tried.filter((entry) => entry.verdict.kind === 'timeout').length;
    if (chosen.length === 0 && (outOfTime || (timedOut > 0 && timedOut === tried.length))) {
      context.searchUnfinished?.(
        outOfTime
          ? `the repair search ran out of time after ${tried.length} of ${singles.length} candidates`
          : `all ${tried.length} candidates timed out (the machine may be too busy)`,
      );
    }
    const located = coverage ? 'per-test coverage' : `stack frames (no per-test coverage: ${coverageSkipped})`;
    return chosen.map((entry) =>
      toSuggestion(entry, baseline, { validator: runner.kind, located, triedCount: tried.length }, context.findings),
    );
  } finally {
    await runner.close();
  }
}

type SearchOrder = Pick<GenerateCandidatesInput, 'priors' | 'areas'>;

/** Operator priors and area weights: what the project taught (see src/learn), with the options' own priors over it. */
function searchOrder(context: SuggestContext, settings: Settings): SearchOrder {
  const learned = context.learned;
  const priors = { ...learned?.priors, ...settings.priors };
  return {
    ...(Object.keys(priors).length > 0 ? { priors } : {}),
    ...(learned && Object.keys(learned.areas).length > 0 ? { areas: learned.areas } : {}),
  };
}

function coverageFor(
  runner: CandidateRunner,
  settings: Settings,
  coldCoverage: CoverageResult | undefined,
): { coverage?: TestCoverage[]; coverageSkipped?: string } {
  if (!settings.coverage) return { coverageSkipped: 'turned off' };
  const result = coldCoverage ?? (runner instanceof HotRunner ? perTestCoverage(runner) : undefined);
  if (!result) return { coverageSkipped: 'needs the warm validator' };
  return result.ok ? { coverage: result.tests } : { coverageSkipped: result.reason };
}

/**
 * Multi-location repair: when no single edit is plausible, the best edits that made progress
 * (some failing tests pass, nothing broke) get a bounded second edit on top.
 */
async function tryFollowUps(input: {
  files: ReadonlyMap<string, string>;
  suspicious: readonly SuspiciousLocation[];
  tried: Tried[];
  settings: Settings;
  ordering: SearchOrder;
  exclude: ReadonlySet<string>;
  validate: (candidates: RepairCandidate[], maxCandidates: number) => Promise<void>;
}): Promise<void> {
  const { files, suspicious, tried, settings, ordering, exclude, validate } = input;
  for (const base of bestPartial(tried).slice(0, settings.followUpBases)) {
    if (plausibleOf(tried).length > 0) return;
    const budget = settings.maxCandidates - tried.length;
    if (budget <= 0) return;
    const seen = new Set([...exclude, ...tried.map((entry) => entry.candidate.id)]);
    const followUps = generateFollowUpCandidates({
      files,
      first: base.candidate,
      suspicious,
      maxCandidates: settings.followUpsPerBase,
      exclude: seen,
      ...ordering,
    });
    await validate(followUps, Math.min(budget, settings.followUpsPerBase));
  }
}

interface OpenedRunner {
  runner: CandidateRunner;
  baseline: Baseline;
  fallbackReason?: string;
  /** Per-test coverage from a run of the project's own command, for a runner the warm worker does not run. */
  coldCoverage?: CoverageResult;
}

/**
 * The warm worker with its own baseline, when it starts and agrees with the report on which tests
 * fail (tests that depend on isolation between files can differ under a warm, non-isolated vitest,
 * or in mocha's one process); otherwise a cold run of the test command per candidate, judged
 * against the report. Vitest, jest and mocha have a warm worker, node:test is validated cold, and a
 * workspace package too (the worker runs from the workspace root). Per-test coverage comes from
 * vitest's worker, or from one run of the runner's own command with its coverage setup.
 */
async function openRunner(context: SuggestContext, settings: Settings): Promise<OpenedRunner> {
  const { sandbox, report } = context;
  const testCommand = {
    ...(context.testCommand !== undefined ? { testCommand: context.testCommand } : {}),
    ...(context.project !== undefined ? { cwd: context.project } : {}),
  };
  const perRunTimeoutMs = Math.max(30_000, 3 * report.wallMs);
  const ownCoverage = settings.coverage && report.runner !== 'vitest';
  const coldCoverage = async (): Promise<Pick<OpenedRunner, 'coldCoverage'>> =>
    ownCoverage ? { coldCoverage: await collectTestCoverage(sandbox, report.runner, { timeoutMs: perRunTimeoutMs, ...testCommand }) } : {};
  const cold = async (fallbackReason: string): Promise<OpenedRunner> => {
    const runner = new ColdRunner({ sandbox, perRunTimeoutMs, ...testCommand }, report);
    return { runner, baseline: await measureBaseline(runner), fallbackReason, ...(await coldCoverage()) };
  };
  if (settings.validator === 'cold') return cold('cold validator asked for');
  const runner = warmRunnerOf(report.runner);
  if (runner === undefined || context.project !== undefined) {
    return cold(context.project !== undefined ? 'a workspace package is validated cold' : `no warm validator for ${report.runner}`);
  }
  const suiteMs = report.files.reduce((sum, file) => sum + file.durationMs, 0);
  const slowestTestMs = Math.max(0, ...allTests(report).map((test) => test.durationMs));
  const slowestFileMs = Math.max(0, ...report.files.map((file) => file.durationMs));
  let hot: HotRunner;
  let baseline: Baseline;
  try {
    hot = await HotRunner.start({
      sandbox,
      runner,
      ...(context.testCommand !== undefined ? { testCommand: context.testCommand } : {}),
      batchSize: settings.batchSize,
      perRunTimeoutMs: Math.max(settings.perRunTimeoutMs, Math.ceil(RUN_TIME_FACTOR * suiteMs)),
      stallMs: Math.max(MIN_STALL_MS, Math.ceil(STALL_FACTOR * slowestTestMs), Math.ceil(FILE_STALL_FACTOR * slowestFileMs)),
      coverage: settings.coverage && !ownCoverage,
    });
    baseline = await measureBaseline(hot);
  } catch (error) {
    if (settings.validator === 'hot') throw error;
    return cold(`warm validator unavailable: ${(error as Error).message}`);
  }
  const agrees = baseline.failing.toSorted().join('\n') === failingIds(report).sort().join('\n');
  if (agrees || settings.validator === 'hot') return { runner: hot, baseline, ...(await coldCoverage()) };
  await hot.close();
  return cold('the warm validator disagrees with the report on which tests fail');
}

function warmRunnerOf(runner: string): WarmRunner | undefined {
  return (WARM_RUNNERS as readonly string[]).includes(runner) ? (runner as WarmRunner) : undefined;
}

function failingIds(report: TestReport): string[] {
  return allTests(report)
    .filter((test) => test.status === 'failed' && !test.flaky)
    .map((test) => test.id);
}

/** The project's sources plus the failing tests' files (localization reads what the tests call). */
async function readRepairFiles(sandbox: Sandbox, report: TestReport): Promise<Map<string, string>> {
  const files = await readSourceFiles(sandbox);
  const failingTestFiles = new Set(
    allTests(report)
      .filter((test) => test.status === 'failed')
      .map((test) => test.file),
  );
  for (const file of failingTestFiles) files.set(file, await sandbox.readFile(file));
  return files;
}

function countVerdicts(tried: readonly Tried[]): Partial<Record<VerdictKind, number>> {
  const counts: Partial<Record<VerdictKind, number>> = {};
  for (const { verdict } of tried) counts[verdict.kind] = (counts[verdict.kind] ?? 0) + 1;
  return counts;
}

function plausibleOf(tried: readonly Tried[]): Tried[] {
  return tried.filter((entry) => entry.verdict.kind === 'plausible');
}

/** Progress without regressions, most tests fixed first (validation order breaks ties). */
function bestPartial(tried: readonly Tried[]): Tried[] {
  return tried.filter((entry) => entry.verdict.kind === 'partial').toSorted((a, b) => b.verdict.fixed.length - a.verdict.fixed.length);
}

const SUGGESTION_PREFIX = 'repair-';
const candidateIdOf = (suggestionId: string): string =>
  suggestionId.startsWith(SUGGESTION_PREFIX) ? suggestionId.slice(SUGGESTION_PREFIX.length) : suggestionId;

/** How the search went: the validator, what localized the fault, how many candidates were tried. */
interface SearchSummary {
  validator: 'hot' | 'cold';
  located: string;
  triedCount: number;
}

function toSuggestion(entry: Tried, baseline: Baseline, search: SearchSummary, findings: readonly Finding[]): Suggestion {
  const { validator, located, triedCount } = search;
  const { candidate, verdict } = entry;
  const complete = verdict.kind === 'plausible';
  const passing = Object.values(baseline.states).filter((state) => state === 'passed').length;
  const outcome = complete
    ? `turns all ${verdict.fixed.length} failing test(s) green`
    : `turns ${verdict.fixed.length} of ${baseline.failing.length} failing tests green (a partial fix)`;
  const finding = findings.find((f) => f.tests.some((test) => verdict.fixed.includes(test)));
  return {
    id: `${SUGGESTION_PREFIX}${candidate.id}`,
    ...(finding ? { findingId: finding.id } : {}),
    source: 'repair',
    category: 'failure',
    // A partial fix still repairs broken behaviour.
    priority: 'high',
    rationale:
      `${candidate.description} (${candidate.operator}, at ${candidate.location.file}:${candidate.location.line}, ` +
      `suspiciousness ${candidate.location.score.toFixed(2)} by ${located}). Validated in the sandbox (${validator}): ${outcome}, ` +
      `and all ${passing} passing tests still pass; ${triedCount} candidate(s) tried.`,
    edits: candidate.edits,
    validated: { fixedTests: verdict.fixed, brokeTests: verdict.broke },
    operator: candidate.operator,
  };
}

function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = now - last;
    last = now;
    return elapsed;
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

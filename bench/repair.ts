// Repair benchmark (issue 4): the offline repair engine on every corpus program, each in its own
// local sandbox. "fixed": the best suggestion turns the visible suite green; "correct": the
// held-out tests (never shown to the engine) pass too. Also the validation rate of the warm
// validator against a cold `vitest run` per candidate, on the same candidates.
//
// Usage: npm run bench -- repair [--only NN]... [NN]... [--budget ms] [--rate-sample n]
// (`npm run bench -- runners` runs the same bench on the corpus re-expressed for each runner.)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Learned } from '../src/learn/learned.ts';
import { planEdits } from '../src/patch/edits.ts';
import { createLocalSandbox } from '../src/sandbox/local.ts';
import { createRepairSuggester, type RepairRunStats, type RepairSuggesterOptions } from '../src/suggest/repair/engine.ts';
import type { Suggestion } from '../src/suggest/suggestion.ts';
import { suitePasses } from '../src/testing/report.ts';
import { runTests } from '../src/testing/run-tests.ts';
import { type CorpusProgram, listCorpus } from './lib/corpus.ts';
import { median, percentile } from './lib/stats.ts';
import { type BenchRunner, vitestRunner } from './runners/variants.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'repair.json');
const DEFAULT_BUDGET_MS = 60_000;
/** Programs the hot-vs-cold rate is measured on, and candidates per program for each. */
const DEFAULT_RATE_SAMPLE = 6;
const HOT_RATE_CANDIDATES = 40;
const COLD_RATE_CANDIDATES = 4;

export interface ProgramResult {
  id: string;
  kind: string;
  difficulty: string;
  /** The suggester's call, from the report in hand to suggestions (worker start included). */
  seconds: number;
  suggested: boolean;
  partial: boolean;
  fixed: boolean;
  correct: boolean;
  operator?: string;
  /** The file the best suggestion changes. */
  file?: string;
  stats?: RepairRunStats;
  error?: string;
}

interface Rate {
  id: string;
  hotPerSecond: number;
  coldPerSecond: number;
  hotCandidates: number;
  coldCandidates: number;
}

export function parseArgs(args: string[]): { only: string[]; budgetMs: number; rateSample: number } {
  const only: string[] = [];
  let budgetMs = DEFAULT_BUDGET_MS;
  let rateSample = DEFAULT_RATE_SAMPLE;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const next = args[++i];
      if (next === undefined || !/^\d+$/.test(next)) throw new Error(`repair bench: ${arg} needs a number`);
      return next;
    };
    if (arg === '--only') only.push(value());
    else if (arg === '--budget') budgetMs = Number(value());
    else if (arg === '--rate-sample') rateSample = Number(value());
    else if (/^\d+$/.test(arg)) only.push(arg);
  }
  return { only, budgetMs, rateSample };
}

/** Runs the suggester once on a fresh sandbox of the program (as `runner` runs it), with what was `learned` when given. */
async function suggestFor(
  program: CorpusProgram,
  options: RepairSuggesterOptions,
  runner: BenchRunner,
  learned?: Learned,
): Promise<{ suggestions: Suggestion[]; stats?: RepairRunStats; seconds: number }> {
  const staged = await runner.stage(program);
  const sandbox = await createLocalSandbox({ projectDir: staged.dir });
  try {
    const report = await runTests(sandbox);
    if (report.error) throw new Error(`baseline run failed: ${report.error.message}`);
    let stats: RepairRunStats | undefined;
    const suggester = createRepairSuggester({ ...options, onRun: (run) => (stats = run) });
    const started = performance.now();
    const suggestions = await suggester.suggest({ sandbox, report, findings: [], rejected: [], ...(learned ? { learned } : {}) });
    return { suggestions, ...(stats ? { stats } : {}), seconds: (performance.now() - started) / 1000 };
  } finally {
    await sandbox.destroy();
    await staged.remove();
  }
}

/** Applies the suggestion to a copy with the held-out tests; runs the visible suite, then the held-out one. */
async function check(program: CorpusProgram, suggestion: Suggestion, runner: BenchRunner): Promise<{ fixed: boolean; correct: boolean }> {
  const staged = await runner.stage(program, { withHeldout: true });
  try {
    for (const change of await planEdits(suggestion.edits, (file) => readFile(join(staged.dir, file), 'utf8'))) {
      await writeFile(join(staged.dir, change.file), change.after);
    }
    const sandbox = await createLocalSandbox({ projectDir: staged.dir });
    try {
      const fixed = suitePasses(await runTests(sandbox));
      const correct = fixed && suitePasses(await runTests(sandbox, { testCommand: runner.command(program, 'heldout') }));
      return { fixed, correct };
    } finally {
      await sandbox.destroy();
    }
  } finally {
    await staged.remove();
  }
}

/** The suggester on one program as `runner` runs it; `validator` as the engine's option; `learned` as a project's learning. */
export async function benchProgram(
  program: CorpusProgram,
  budgetMs: number,
  runner: BenchRunner = vitestRunner,
  validator: RepairSuggesterOptions['validator'] = 'auto',
  learned?: Learned,
): Promise<ProgramResult> {
  const base = { id: program.id, kind: program.bug.kind, difficulty: program.bug.difficulty };
  try {
    const { suggestions, stats, seconds } = await suggestFor(program, { timeBudgetMs: budgetMs, validator }, runner, learned);
    const best = suggestions[0];
    const verdict = best ? await check(program, best, runner) : { fixed: false, correct: false };
    return {
      ...base,
      seconds,
      suggested: best !== undefined,
      partial: best !== undefined && best.priority !== 'high',
      ...verdict,
      ...(best?.operator ? { operator: best.operator } : {}),
      ...(best?.edits[0] ? { file: best.edits[0].file } : {}),
      ...(stats ? { stats } : {}),
    };
  } catch (error) {
    return { ...base, seconds: 0, suggested: false, partial: false, fixed: false, correct: false, error: (error as Error).message };
  }
}

/**
 * One validator's pace on a program: the suggester with frame localization (so every validator
 * sees the same candidate list), no early stop, a fixed number of candidates. `stats.validator`
 * says which validator really ran (the engine falls back to cold where no warm one exists).
 */
export async function validationRate(
  program: CorpusProgram,
  runner: BenchRunner,
  validator: 'hot' | 'cold',
): Promise<RepairRunStats | undefined> {
  const common = { coverage: false, maxSuggestions: 10_000, followUpBases: 0, timeBudgetMs: 600_000 } as const;
  const maxCandidates = validator === 'hot' ? HOT_RATE_CANDIDATES : COLD_RATE_CANDIDATES;
  return (await suggestFor(program, { ...common, validator, maxCandidates }, runner)).stats;
}

/** Candidates validated per second, hot and cold, on the same candidates. */
async function measureRate(program: CorpusProgram): Promise<Rate> {
  const hot = await validationRate(program, vitestRunner, 'hot');
  const cold = await validationRate(program, vitestRunner, 'cold');
  return {
    id: program.id,
    hotPerSecond: hot?.candidatesPerSecond ?? 0,
    coldPerSecond: cold?.candidatesPerSecond ?? 0,
    hotCandidates: hot?.tried ?? 0,
    coldCandidates: cold?.tried ?? 0,
  };
}

/** Up to `count` of `items`, evenly spread from the first. */
export function spread<T>(items: readonly T[], count: number): T[] {
  return items.filter((_, i) => i % Math.max(1, Math.floor(items.length / count)) === 0).slice(0, count);
}

const pct = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);
export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const stat = (sample: number[]) => (sample.length === 0 ? null : { median: round(median(sample)), p90: round(percentile(sample, 90)) });

export function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((cell, i) => String(cell).padEnd(widths[i]!)).join(' ');
}

/** The per-program table: its header, and one line per result. */
export const RESULT_WIDTHS = [24, 18, 6, 7, 6, 8, 6, 6, 9, 5, 40];
export const RESULT_HEADER = ['program', 'kind', 'diff', 'seconds', 'tried', 'cand/s', 'fixed', 'right', 'localize', 'val', 'operator'];

export function resultRow(result: ProgramResult): string {
  const s = result.stats;
  return row(
    [
      result.id,
      result.kind,
      result.difficulty,
      result.seconds.toFixed(1),
      s?.tried ?? '-',
      s ? s.candidatesPerSecond.toFixed(1) : '-',
      result.fixed ? 'yes' : result.partial ? 'part' : 'no',
      result.correct ? 'yes' : 'no',
      s?.localization ?? '-',
      s?.validator ?? '-',
      result.error ? `error: ${result.error}` : (result.operator ?? '-'),
    ],
    RESULT_WIDTHS,
  );
}

export async function runRepairBench(args: string[]): Promise<void> {
  const { only, budgetMs, rateSample } = parseArgs(args);
  const programs = await listCorpus(only);
  if (programs.length === 0) throw new Error(`repair bench: no corpus program matches ${only.join(', ')}`);

  console.log(row(RESULT_HEADER, RESULT_WIDTHS));
  const results: ProgramResult[] = [];
  for (const program of programs) {
    const result = await benchProgram(program, budgetMs);
    results.push(result);
    console.log(resultRow(result));
  }

  const sample = spread(programs, rateSample);
  const rates: Rate[] = [];
  for (const program of sample) rates.push(await measureRate(program));
  const hotRate = rates.length > 0 ? median(rates.map((rate) => rate.hotPerSecond)) : 0;
  const coldRate = rates.length > 0 ? median(rates.map((rate) => rate.coldPerSecond)) : 0;

  const fixed = results.filter((result) => result.fixed);
  const summary = {
    programs: results.length,
    budgetMs,
    fixedPct: round(pct(fixed.length, results.length), 1),
    correctPct: round(pct(results.filter((result) => result.correct).length, results.length), 1),
    /** Seconds per bug, whatever the outcome (the suggester's call). */
    secondsPerBug: stat(results.map((result) => result.seconds)),
    /** Seconds per bug over the bugs fixed. */
    secondsToFix: stat(fixed.map((result) => result.seconds)),
    candidatesPerFix: stat(fixed.flatMap((result) => (result.stats?.triedToFirstFix ? [result.stats.triedToFirstFix] : []))),
    byDifficulty: Object.fromEntries(
      ['easy', 'hard'].map((difficulty) => {
        const group = results.filter((result) => result.difficulty === difficulty);
        return [difficulty, { programs: group.length, correct: group.filter((result) => result.correct).length }];
      }),
    ),
    validation: {
      hotPerSecond: round(hotRate, 1),
      coldPerSecond: round(coldRate, 2),
      hotOverCold: round(coldRate > 0 ? hotRate / coldRate : 0, 1),
      sample: rates,
    },
    results,
  };
  console.log(
    `\nfixed ${summary.fixedPct}%  correct ${summary.correctPct}%  ` +
      `s/bug median ${summary.secondsPerBug?.median} p90 ${summary.secondsPerBug?.p90}  ` +
      `s/fix median ${summary.secondsToFix?.median ?? '-'} p90 ${summary.secondsToFix?.p90 ?? '-'}  ` +
      `candidates/fix median ${summary.candidatesPerFix?.median ?? '-'}`,
  );
  console.log(
    `validation: hot ${summary.validation.hotPerSecond} cand/s, cold ${summary.validation.coldPerSecond} cand/s ` +
      `(x${summary.validation.hotOverCold}) over ${rates.map((rate) => rate.id).join(', ')}`,
  );
  await mkdir(dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`wrote ${RESULTS_FILE}`);
}

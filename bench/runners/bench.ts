// The repair bench per runner: the corpus re-expressed for jest, mocha and node:test (same
// programs, same held-out tests), each variant first checked to behave like the vitest original
// (check-variant.ts), then repaired as bench/repair.ts repairs the vitest programs. Fixed, correct,
// time per fix and candidates tried per runner, their ratio to vitest's, and candidates/s with the
// warm validator (where the engine has one for the runner) and cold (a run of the project's
// command per candidate).
//
// Usage: npm run bench -- runners [--runner vitest|jest|mocha|node-test|all]... [--only NN]... [NN]...
//          [--quick] [--budget ms] [--rate-sample n] [--validator auto|cold]
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RepairRunStats } from '../../src/suggest/repair/engine.ts';
import { type CorpusProgram, listCorpus } from '../lib/corpus.ts';
import { median } from '../lib/stats.ts';
import {
  benchProgram,
  type ProgramResult,
  RESULT_HEADER,
  RESULT_WIDTHS,
  resultRow,
  round,
  row,
  spread,
  validationRate,
} from '../repair.ts';
import { differences, runVariant, type VariantRuns } from './check-variant.ts';
import { BENCH_RUNNERS, type BenchRunner, benchRunner, vitestRunner } from './variants.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'runners.json');
const DEFAULT_BUDGET_MS = 60_000;
const DEFAULT_RATE_SAMPLE = 6;
/** `--quick`: this many programs, spread over the corpus, and fewer for the rates. */
const QUICK_PROGRAMS = 12;
const QUICK_RATE_SAMPLE = 3;

interface Options {
  runners: BenchRunner[];
  only: string[];
  quick: boolean;
  budgetMs: number;
  rateSample: number;
  validator: 'auto' | 'cold';
}

/** A pace, or why there is none. */
type Pace = { perSecond: number; sample: { id: string; perSecond: number; tried: number }[] } | { na: string };

interface RunnerSummary {
  runner: string;
  programs: number;
  /** Programs this runner was not benched on, and why (unsupported tests, or unlike vitest). */
  excluded: { id: string; reason: string }[];
  fixed: number;
  correct: number;
  medianSecondsPerFix: number | null;
  medianTried: number | null;
  hot: Pace;
  cold: Pace;
  /** Fixed and correct over vitest's, on the programs both were benched on. */
  vsVitest?: { programs: number; fixed: number | null; correct: number | null };
  results: ProgramResult[];
}

function parseArgs(args: string[]): Options {
  const names: string[] = [];
  const only: string[] = [];
  let budgetMs = DEFAULT_BUDGET_MS;
  let rateSample: number | undefined;
  let validator: Options['validator'] = 'auto';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const next = args[++i];
      if (next === undefined) throw new Error(`runners bench: ${arg} needs a value`);
      return next;
    };
    const number = () => {
      const next = value();
      if (!/^\d+$/.test(next)) throw new Error(`runners bench: ${arg} needs a number`);
      return Number(next);
    };
    if (arg === '--runner') names.push(value());
    else if (arg === '--only') only.push(value());
    else if (arg === '--budget') budgetMs = number();
    else if (arg === '--rate-sample') rateSample = number();
    else if (arg === '--validator') {
      const next = value();
      if (next !== 'auto' && next !== 'cold') throw new Error('runners bench: --validator is auto or cold');
      validator = next;
    } else if (/^\d+$/.test(arg)) only.push(arg);
  }
  const quick = args.includes('--quick');
  const runners = names.length === 0 || names.includes('all') ? [...BENCH_RUNNERS] : names.map(benchRunner);
  return { runners, only, quick, budgetMs, rateSample: rateSample ?? (quick ? QUICK_RATE_SAMPLE : DEFAULT_RATE_SAMPLE), validator };
}

/** Why `runner` is not benched on `program`, or nothing when its variant behaves like vitest's. */
async function exclusion(runner: BenchRunner, program: CorpusProgram, reference: () => Promise<VariantRuns>): Promise<string | undefined> {
  if (runner === vitestRunner) return undefined;
  const runs = await runVariant(runner, program);
  if ('unsupported' in runs) return runs.unsupported;
  const found = differences(await reference(), runs);
  return found.length === 0 ? undefined : `behaves unlike vitest (${found.length} differences, first: ${found[0]})`;
}

/** Hot pace where the repair runs used the warm validator, else why not (the engine's reason). */
async function paces(runner: BenchRunner, programs: CorpusProgram[], results: ProgramResult[], usedHot: boolean) {
  const measure = async (validator: 'hot' | 'cold'): Promise<Pace> => {
    const sample: { id: string; perSecond: number; tried: number }[] = [];
    for (const program of programs) {
      let stats: RepairRunStats | undefined;
      try {
        stats = await validationRate(program, runner, validator);
      } catch (error) {
        // Asked for `hot`, the engine fails where the warm worker cannot run the program.
        return { na: `${program.id}: ${(error as Error).message}` };
      }
      if (stats && stats.validator !== validator) return { na: stats.fallbackReason ?? `the engine validated ${stats.validator}` };
      sample.push({ id: program.id, perSecond: stats?.candidatesPerSecond ?? 0, tried: stats?.tried ?? 0 });
    }
    return sample.length === 0
      ? { na: 'no program to measure on' }
      : { perSecond: round(median(sample.map((s) => s.perSecond)), 2), sample };
  };
  const fallback = results.find((result) => result.stats?.validator === 'cold')?.stats?.fallbackReason;
  const hot: Pace = usedHot ? await measure('hot') : { na: fallback ?? 'the repair runs did not use the warm validator' };
  return { hot, cold: await measure('cold') };
}

function summarize(runner: BenchRunner, results: ProgramResult[], excluded: RunnerSummary['excluded']) {
  const fixed = results.filter((result) => result.fixed);
  const tried = results.flatMap((result) => (result.stats ? [result.stats.tried] : []));
  return {
    runner: runner.name,
    programs: results.length,
    excluded,
    fixed: fixed.length,
    correct: results.filter((result) => result.correct).length,
    medianSecondsPerFix: fixed.length > 0 ? round(median(fixed.map((result) => result.seconds)), 1) : null,
    medianTried: tried.length > 0 ? median(tried) : null,
  };
}

/** This runner's fixed and correct over vitest's, on the programs both were benched on. */
function versusVitest(results: ProgramResult[], vitest: ProgramResult[]): RunnerSummary['vsVitest'] {
  const both = new Set(vitest.map((result) => result.id));
  const mine = results.filter((result) => both.has(result.id));
  const theirs = vitest.filter((result) => mine.some((other) => other.id === result.id));
  const ratio = (count: (list: ProgramResult[]) => number) => (count(theirs) === 0 ? null : round(count(mine) / count(theirs), 2));
  return {
    programs: mine.length,
    fixed: ratio((list) => list.filter((result) => result.fixed).length),
    correct: ratio((list) => list.filter((result) => result.correct).length),
  };
}

const paceCell = (pace: Pace) => ('na' in pace ? 'n/a' : String(pace.perSecond));
const ratioCell = (value: number | null | undefined) => (value === null || value === undefined ? '-' : `x${value}`);

export async function runRunnersBench(args: string[]): Promise<void> {
  const options = parseArgs(args);
  const matching = await listCorpus(options.only);
  const programs = options.quick ? spread(matching, QUICK_PROGRAMS) : matching;
  if (programs.length === 0) throw new Error(`runners bench: no corpus program matches ${options.only.join(', ')}`);
  console.log(
    `${programs.length} programs x ${options.runners.map((r) => r.name).join(', ')}, budget ${options.budgetMs} ms, validator ${options.validator}`,
  );

  const results = new Map(options.runners.map((runner) => [runner, [] as ProgramResult[]]));
  const excluded = new Map(options.runners.map((runner) => [runner, [] as RunnerSummary['excluded']]));
  console.log(row(['runner', ...RESULT_HEADER], [10, ...RESULT_WIDTHS]));
  // Program by program, every runner in turn: the machine's load falls on all runners alike.
  for (const program of programs) {
    let runs: Promise<VariantRuns> | undefined;
    // vitest's runs of the program, the first time a variant is checked against them.
    const reference = () =>
      (runs ??= runVariant(vitestRunner, program).then((result) => {
        if ('unsupported' in result) throw new Error(`${program.id}: vitest cannot run its own program`);
        return result;
      }));
    for (const runner of options.runners) {
      const reason = await exclusion(runner, program, reference);
      if (reason !== undefined) {
        excluded.get(runner)!.push({ id: program.id, reason });
        console.log(`${runner.name.padEnd(10)} ${program.id.padEnd(24)} excluded: ${reason}`);
        continue;
      }
      const result = await benchProgram(program, options.budgetMs, runner, options.validator);
      results.get(runner)!.push(result);
      console.log(`${runner.name.padEnd(10)} ${resultRow(result)}`);
    }
  }

  const vitestResults = results.get(vitestRunner);
  const summaries: RunnerSummary[] = [];
  for (const runner of options.runners) {
    const mine = results.get(runner)!;
    const benched = programs.filter((program) => mine.some((result) => result.id === program.id));
    const usedHot = mine.some((result) => result.stats?.validator === 'hot');
    summaries.push({
      ...summarize(runner, mine, excluded.get(runner)!),
      ...(await paces(runner, spread(benched, options.rateSample), mine, usedHot)),
      ...(vitestResults && runner !== vitestRunner ? { vsVitest: versusVitest(mine, vitestResults) } : {}),
      results: mine,
    });
  }

  const widths = [10, 9, 6, 8, 13, 13, 11, 12, 9, 10];
  console.log(
    `\n${row(['runner', 'programs', 'fixed', 'correct', 'median s/fix', 'median tried', 'cand/s hot', 'cand/s cold', 'fixed/vt', 'correct/vt'], widths)}`,
  );
  for (const s of summaries) {
    const cells = [s.runner, s.programs, s.fixed, s.correct, s.medianSecondsPerFix ?? '-', s.medianTried ?? '-'];
    console.log(row([...cells, paceCell(s.hot), paceCell(s.cold), ratioCell(s.vsVitest?.fixed), ratioCell(s.vsVitest?.correct)], widths));
  }
  for (const s of summaries) {
    for (const [validator, pace] of [
      ['hot', s.hot],
      ['cold', s.cold],
    ] as const)
      if ('na' in pace) console.log(`${s.runner}: cand/s ${validator} n/a: ${pace.na}`);
    for (const { id, reason } of s.excluded) console.log(`${s.runner}: ${id} excluded: ${reason}`);
  }
  await mkdir(dirname(RESULTS_FILE), { recursive: true });
  const settings = { budgetMs: options.budgetMs, validator: options.validator, quick: options.quick };
  await writeFile(RESULTS_FILE, `${JSON.stringify({ ...settings, programs: programs.map((p) => p.id), runners: summaries }, null, 2)}\n`);
  console.log(`wrote ${RESULTS_FILE}`);
}

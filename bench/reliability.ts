// Reliability: the project's own suite of reliability cases, each built from scratch by the bench
// and judged held or failed with a one-line reason. Categories: containment (attacks from test
// code in the real sandbox), bad-input (the CLI refuses bad input cleanly), faults (kill -9 then
// resume; SIGINT/SIGTERM), load (20 concurrent runs through one Mastra server), integrity (tests,
// helpers and configs never edited, no false green).
//
// Usage: npm run bench -- reliability [--only <category>]... [--quick] [--seed N] [--keep]
// --quick runs fewer fault points and load runs (below the minimums: for trying things out);
// --keep leaves the scratch projects in bench/results/scratch/. Results are merged per category
// into bench/results/reliability.json, so categories can be run one at a time.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBadInput } from './reliability/bad-input.ts';
import { ROOT } from './reliability/cli.ts';
import { runContainment } from './reliability/containment.ts';
import { runFaults } from './reliability/faults.ts';
import { runIntegrity } from './reliability/integrity.ts';
import { runLoad } from './reliability/load.ts';
import { removeScratch } from './reliability/scratch.ts';
import type { Verdict } from './reliability/verdict.ts';

const RESULTS_FILE = join(ROOT, 'bench/results/reliability.json');

export interface RunOptions {
  quick: boolean;
  seed: number;
}

interface Category {
  /** Fewest cases a full run must have. */
  minimum: number;
  run: (options: RunOptions) => Promise<Verdict[]>;
}

const CATEGORIES: Record<string, Category> = {
  containment: { minimum: 25, run: () => runContainment() },
  'bad-input': { minimum: 35, run: () => runBadInput() },
  faults: { minimum: 25, run: (options) => runFaults(options) },
  load: { minimum: 20, run: (options) => runLoad(options) },
  integrity: { minimum: 8, run: () => runIntegrity() },
};

interface CategoryResult {
  passed: number;
  total: number;
  minimum: number;
  ms: number;
  ranAt: string;
  quick: boolean;
  seed: number;
  cases: Verdict[];
}

function parseArgs(args: string[]): RunOptions & { only: string[]; keep: boolean } {
  const only: string[] = [];
  let seed = Date.now() % 1_000_000;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--only' || arg === '--seed') {
      const value = args[++i];
      if (value === undefined) throw new Error(`reliability: ${arg} needs a value`);
      if (arg === '--seed') seed = Number(value);
      else only.push(value);
    }
  }
  const unknown = only.filter((name) => !(name in CATEGORIES));
  if (unknown.length > 0)
    throw new Error(`reliability: unknown category ${unknown.join(', ')}; choose from ${Object.keys(CATEGORIES).join(', ')}`);
  return { only, seed, quick: args.includes('--quick'), keep: args.includes('--keep') };
}

/** A category that could not even set up counts as one failed case, so the table never hides it. */
const crashed = (name: string, error: Error): Verdict => ({
  name,
  held: false,
  why: `bench error: ${error.message.split('\n')[0]}`,
  ms: 0,
});

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

function printCategory(name: string, result: CategoryResult): void {
  console.log(
    `\n${name}: ${result.passed}/${result.total} held in ${duration(result.ms)}${result.total < result.minimum ? ` (fewer than the minimum ${result.minimum})` : ''}`,
  );
  for (const verdict of result.cases.filter((c) => !c.held)) console.log(`  FAILED ${verdict.name}: ${verdict.why}`);
}

function printTable(results: Record<string, CategoryResult>): void {
  console.log('\ncategory      held/total  minimum  time');
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name.padEnd(14)}${`${r.passed}/${r.total}`.padEnd(12)}${String(r.minimum).padEnd(9)}${duration(r.ms)}${r.quick ? '  (quick)' : ''}`,
    );
  }
}

async function previousResults(): Promise<Record<string, CategoryResult>> {
  try {
    return (JSON.parse(await readFile(RESULTS_FILE, 'utf8')) as { categories: Record<string, CategoryResult> }).categories;
  } catch {
    return {};
  }
}

export async function runReliabilityBench(args: string[]): Promise<void> {
  const options = parseArgs(args);
  const names = options.only.length > 0 ? options.only : Object.keys(CATEGORIES);
  console.log(`reliability: ${names.join(', ')} (seed ${options.seed}${options.quick ? ', quick' : ''})`);
  const results: Record<string, CategoryResult> = {};
  try {
    for (const name of names) {
      const category = CATEGORIES[name]!;
      console.log(`\n-- ${name}`);
      const started = performance.now();
      const cases = await category.run(options).catch((error: Error) => [crashed(name, error)]);
      results[name] = {
        passed: cases.filter((c) => c.held).length,
        total: cases.length,
        minimum: category.minimum,
        ms: Math.round(performance.now() - started),
        ranAt: new Date().toISOString(),
        quick: options.quick,
        seed: options.seed,
        cases,
      };
      printCategory(name, results[name]);
    }
  } finally {
    if (!options.keep) await removeScratch();
  }
  printTable(results);
  await mkdir(join(ROOT, 'bench/results'), { recursive: true });
  const categories = { ...(await previousResults()), ...results };
  await writeFile(RESULTS_FILE, `${JSON.stringify({ updatedAt: new Date().toISOString(), categories }, null, 2)}\n`);
}

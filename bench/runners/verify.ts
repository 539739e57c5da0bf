/**
 * Checks that every corpus program, re-expressed for jest, mocha and node:test, behaves like the
 * vitest original when its real runner runs it in a local sandbox: the same tests pass and fail,
 * visible and held-out, on the buggy code and with the known fix. Prints one line per program and
 * runner, and exits non-zero when any variant departs from vitest (an unsupported one is named
 * with its reason and does not count as departing).
 *
 * Usage: node bench/runners/verify.ts [--runner jest|mocha|node-test]... [id-prefix ...]
 */
import { listCorpus } from '../lib/corpus.ts';
import { differences, runVariant, tally, type VariantRuns } from './check-variant.ts';
import { BENCH_RUNNERS, type BenchRunner, benchRunner, vitestRunner } from './variants.ts';

function parseArgs(args: string[]): { runners: BenchRunner[]; only: string[] } {
  const names: string[] = [];
  const only: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--runner') names.push(args[++i] ?? '');
    else only.push(args[i]!);
  }
  const others = BENCH_RUNNERS.filter((runner) => runner !== vitestRunner);
  return { runners: names.length > 0 ? names.map(benchRunner) : others, only };
}

const summary = (runs: VariantRuns) =>
  `visible ${tally(runs['buggy tests'])} -> ${tally(runs['fixed tests'])}  heldout ${tally(runs['buggy heldout'])} -> ${tally(runs['fixed heldout'])}`;

async function main(): Promise<number> {
  const { runners, only } = parseArgs(process.argv.slice(2));
  const programs = await listCorpus(only);
  if (programs.length === 0) {
    console.error('no corpus programs matched');
    return 2;
  }
  const started = Date.now();
  let departing = 0;
  let unsupported = 0;
  for (const program of programs) {
    const reference = await runVariant(vitestRunner, program);
    if ('unsupported' in reference) throw new Error(`${program.id}: vitest cannot run its own program`);
    console.log(`${program.id.padEnd(22)} ${'vitest'.padEnd(10)} ${summary(reference)}`);
    for (const runner of runners) {
      const runs = await runVariant(runner, program);
      const head = `${''.padEnd(22)} ${runner.name.padEnd(10)}`;
      if ('unsupported' in runs) {
        unsupported++;
        console.log(`${head} excluded: ${runs.unsupported}`);
        continue;
      }
      const found = differences(reference, runs);
      if (found.length > 0) departing++;
      console.log(
        `${head} ${summary(runs)}  ${found.length === 0 ? 'same' : `DIFFERENT:\n${found.map((line) => `    ${line}`).join('\n')}`}`,
      );
    }
  }
  const variants = programs.length * runners.length;
  console.log(
    `\n${programs.length} programs x ${runners.map((r) => r.name).join(', ')}: ${variants - departing - unsupported} same as vitest, ` +
      `${departing} different, ${unsupported} excluded; ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return departing === 0 ? 0 : 1;
}

process.exitCode = await main();

// Loop overhead (issue 3): the share of a full improvement run's wall time not spent inside test
// runs, on the buggy example. The suggester is scripted with the example's known fixes, so what
// is measured is the loop itself (Mastra, sandbox, analysis, apply/revert, storage, events), not a
// suggester's search; a second line shows the same run with the offline repair engine.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runImprovement } from '../src/api/run-improvement.ts';
import type { Edit } from '../src/contract/edit.ts';
import type { ImprovementReport } from '../src/contract/report.ts';
import { registerSuggester } from '../src/suggest/registry.ts';
import { createScriptedSuggester } from '../src/suggest/scripted.ts';
import { timed } from './lib/stats.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(ROOT, 'examples/buggy');
const SCRIPTED_RUNS = 5;

interface Measured {
  report: ImprovementReport;
  /** Wall time of the whole call as a caller sees it, Mastra and sandbox set-up included. */
  wallMs: number;
}

async function run(suggester: string): Promise<Measured> {
  const storeDir = await mkdtemp(join(tmpdir(), 'improve-bench-store-'));
  try {
    const { value: outcome, ms } = await timed(() =>
      runImprovement({ projectDir: EXAMPLE, sandbox: 'local', suggester, testRetries: 0 }, { storeDir }),
    );
    if (outcome.status !== 'done') throw new Error(`loop bench run ended ${outcome.status}`);
    await rm(outcome.report.artifactsDir, { recursive: true, force: true });
    return { report: outcome.report, wallMs: ms };
  } finally {
    await rm(storeDir, { recursive: true, force: true });
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)}%`;

function line(label: string, { report, wallMs }: Measured): string {
  const { testMs, suggestMs } = report.timings;
  return (
    `${label}: ${report.status} in ${report.iterations} iterations, wall ${seconds(wallMs)}, tests ${seconds(testMs)}, ` +
    `suggester ${seconds(suggestMs)}; not in test runs ${percent(wallMs - testMs, wallMs)}, ` +
    `neither in tests nor in the suggester ${percent(wallMs - testMs - suggestMs, wallMs)}`
  );
}

export async function runLoopBench(args: string[]): Promise<void> {
  const { fixes } = JSON.parse(await readFile(join(ROOT, 'tests/fixtures/buggy-fixes.json'), 'utf8')) as { fixes: Edit[] };
  const script = fixes.map(({ file, search, replace }) => ({ edits: [{ file, search, replace }] }));
  registerSuggester('bench-known-fixes', { factory: () => createScriptedSuggester(script, 'bench-known-fixes') });

  // The share moves by a point or two between runs on a busy machine: report the median run.
  const samples: Measured[] = [];
  for (let i = 0; i < SCRIPTED_RUNS; i++) samples.push(await run('bench-known-fixes'));
  const share = (m: Measured) => (m.wallMs - m.report.timings.testMs) / m.wallMs;
  const scripted = samples.toSorted((a, b) => share(a) - share(b))[Math.floor(SCRIPTED_RUNS / 2)]!;
  console.log(`scripted runs, share not in test runs: ${samples.map((m) => `${(share(m) * 100).toFixed(1)}%`).join(', ')}`);
  console.log(line('scripted known fixes (median run)', scripted));
  const results: Record<string, unknown> = { scripted: { wallMs: scripted.wallMs, ...scripted.report.timings } };
  if (!args.includes('--no-repair')) {
    const repair = await run('repair');
    console.log(line('offline repair engine', repair));
    results.repair = { wallMs: repair.wallMs, ...repair.report.timings };
  }
  const overhead = (scripted.wallMs - scripted.report.timings.testMs) / scripted.wallMs;
  results.overhead = overhead;
  console.log(`loop overhead (wall time not in test runs, scripted suggester): ${(overhead * 100).toFixed(1)}% (target < 10%)`);
  await mkdir(join(ROOT, 'bench/results'), { recursive: true });
  await writeFile(join(ROOT, 'bench/results/loop.json'), `${JSON.stringify(results, null, 2)}\n`);
}

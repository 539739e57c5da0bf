// Stream and storage size (issue 10): how many bytes a client receives for one improvement run of
// the buggy example, and how much the stored run (the workflow snapshot in mastra.db) grows per
// iteration. The suggester is scripted with the example's known fixes, as in the loop bench; a
// second run starts with a wrong change, so a revert is measured too. What is measured is the
// loop's own data, not a suggester's.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createImproveMastra } from '../src/api/improve-mastra.ts';
import type { Edit } from '../src/contract/edit.ts';
import { type ImproveOptionsInput, ImproveOptionsSchema } from '../src/contract/options.ts';
import { ImprovementReportSchema } from '../src/contract/report.ts';
import { STORE_FILE } from '../src/store/storage.ts';
import { registerSuggester } from '../src/suggest/registry.ts';
import { createScriptedSuggester, type ScriptedChange } from '../src/suggest/scripted.ts';
import { IMPROVE_WORKFLOW_ID } from '../workflows/improve.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(ROOT, 'examples/buggy');
const SUGGESTER = 'bench-stream-fixes';
const STREAM_TARGET_BYTES = 100 * 1024;

/** Ignoring quantities fixes nothing and breaks passing tests: reverted. */
const WRONG: ScriptedChange = {
  edits: [{ file: 'src/cart.ts', search: 'sum + i.unitPrice * i.quantity', replace: 'sum + i.unitPrice' }],
  rationale: 'count each line once',
};

export interface StreamMeasure {
  iterations: number;
  status: string;
  /** Every chunk of the run's stream as JSON, summed: what a client reads. */
  streamBytes: number;
  /** The largest single chunk. */
  largestChunkBytes: number;
  chunks: number;
  /** The database file, and its write-ahead log (reused once checkpointed, so it does not grow without bound). */
  dbBytes: number;
  walBytes: number;
  snapshotBytes: number;
}

async function measure(options: Partial<ImproveOptionsInput>): Promise<StreamMeasure> {
  const storeDir = await mkdtemp(join(tmpdir(), 'improve-bench-stream-'));
  try {
    const mastra = createImproveMastra({ storeDir, logger: false });
    const workflow = mastra.getWorkflow(IMPROVE_WORKFLOW_ID);
    const run = await workflow.createRun();
    const output = run.stream({
      inputData: ImproveOptionsSchema.parse({ projectDir: EXAMPLE, sandbox: 'local', suggester: SUGGESTER, testRetries: 0, ...options }),
    });
    let streamBytes = 0;
    let largestChunkBytes = 0;
    let chunks = 0;
    for await (const chunk of output.fullStream) {
      const bytes = Buffer.byteLength(JSON.stringify(chunk));
      streamBytes += bytes;
      largestChunkBytes = Math.max(largestChunkBytes, bytes);
      chunks++;
    }
    const result = await output.result;
    if (result.status !== 'success') throw new Error(`stream bench run ended ${result.status}`);
    const report = ImprovementReportSchema.parse(result.result);
    await rm(report.artifactsDir, { recursive: true, force: true });
    const stored = await workflow.getWorkflowRunById(run.runId);
    const snapshotBytes = Buffer.byteLength(JSON.stringify(stored ?? {}));
    const size = (file: string) =>
      stat(join(storeDir, file)).then(
        (s) => s.size,
        () => 0,
      );
    const [dbBytes, walBytes] = await Promise.all([size(STORE_FILE), size(`${STORE_FILE}-wal`)]);
    return {
      iterations: report.iterations,
      status: report.status,
      streamBytes,
      largestChunkBytes,
      chunks,
      dbBytes,
      walBytes,
      snapshotBytes,
    };
  } finally {
    await rm(storeDir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function runStreamBench(): Promise<void> {
  const { fixes } = JSON.parse(await readFile(join(ROOT, 'tests/fixtures/buggy-fixes.json'), 'utf8')) as { fixes: Edit[] };
  const known: ScriptedChange[] = fixes.map(({ file, search, replace }) => ({ edits: [{ file, search, replace }] }));
  registerSuggester(SUGGESTER, { factory: () => createScriptedSuggester(known, SUGGESTER) });
  registerSuggester(`${SUGGESTER}-wrong-first`, { factory: () => createScriptedSuggester([WRONG, ...known], SUGGESTER) });

  const runs = {
    short: await measure({ maxIterations: 1 }),
    full: await measure({}),
    withRevert: await measure({ suggester: `${SUGGESTER}-wrong-first` }),
  };
  const { short, full } = runs;
  const perIteration = (key: 'streamBytes' | 'dbBytes' | 'snapshotBytes') =>
    (full[key] - short[key]) / Math.max(1, full.iterations - short.iterations);
  for (const [label, m] of [
    ['known fixes, stopped after 1 iteration', runs.short],
    ['known fixes, whole run', runs.full],
    ['a wrong change first, whole run', runs.withRevert],
  ] as const) {
    console.log(
      `${label}: ${m.status} after ${m.iterations} iterations; stream ${kb(m.streamBytes)} in ${m.chunks} chunks ` +
        `(largest ${kb(m.largestChunkBytes)}); stored run ${kb(m.snapshotBytes)}; mastra.db ${kb(m.dbBytes)} (+ ${kb(m.walBytes)} log)`,
    );
  }
  const growth = { stream: perIteration('streamBytes'), db: perIteration('dbBytes'), snapshot: perIteration('snapshotBytes') };
  console.log(`per iteration: stream +${kb(growth.stream)}, stored run +${kb(growth.snapshot)}, mastra.db +${kb(growth.db)}`);
  console.log(`whole stream of the buggy example: ${kb(full.streamBytes)} (target <= ${kb(STREAM_TARGET_BYTES)})`);
  await mkdir(join(ROOT, 'bench/results'), { recursive: true });
  await writeFile(join(ROOT, 'bench/results/stream.json'), `${JSON.stringify({ ...runs, perIteration: growth }, null, 2)}\n`);
}

/**
 * Records the chunk objects real workflow runs stream, as fixtures for the mapping tests:
 *   node tests/events/capture-fixtures.ts
 * - green-run: the improvement workflow on examples/green (no change needed);
 * - approval-run: on examples/buggy with manual approval and a scripted suggester (a refused test
 *   edit, a wrong change approved then reverted, a fix approved and kept), streamed, then resumed twice;
 * - failed-run: a project directory that does not exist;
 * - mastra-run: a small workflow for the chunk kinds ours never produce (writer.write, foreach
 *   progress, sleep, per-step pause, cancel).
 * Step inputs and outputs over 512 bytes (the loop state, never read by the mapper) are
 * replaced by `{ trimmed: <bytes> }` to keep the fixtures small, and Error objects (which JSON
 * turns into `{}`) by `{ name, message }`; everything else is verbatim.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Mastra } from '@mastra/core/mastra';
import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { createImproveMastra } from '../../src/api/improve-mastra.ts';
import { ImproveOptionsSchema } from '../../src/contract/options.ts';
import { registerSuggester } from '../../src/suggest/registry.ts';
import { createScriptedSuggester } from '../../src/suggest/scripted.ts';
import { BUGGY, fixChanges, GREEN, TEST_EDIT_CHANGE, tempCopy, WRONG_CHANGE } from '../workflow/support/projects.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const MAX_FIELD = 512;

function trim(chunk: unknown): unknown {
  if (typeof chunk !== 'object' || chunk === null) return chunk;
  const error = (chunk as { payload?: { error?: unknown } }).payload?.error;
  if (error instanceof Error)
    return trim({ ...chunk, payload: { ...(chunk as { payload: object }).payload, error: { name: error.name, message: error.message } } });
  const { payload } = chunk as { payload?: Record<string, unknown> };
  if (typeof payload !== 'object' || payload === null || !String((chunk as { type: unknown }).type).startsWith('workflow-step-'))
    return chunk;
  const trimmed = { ...payload };
  for (const key of ['payload', 'output']) {
    const size = JSON.stringify(trimmed[key] ?? null).length;
    if (size > MAX_FIELD) trimmed[key] = { trimmed: size };
  }
  return { ...chunk, payload: trimmed };
}

async function collect(stream: AsyncIterable<unknown>, into: unknown[]): Promise<void> {
  for await (const chunk of stream) into.push(trim(chunk));
}

function save(name: string, chunks: unknown[]): void {
  writeFileSync(path.join(FIXTURES, `${name}.json`), `${JSON.stringify(chunks, null, 1)}\n`);
  console.log(`${name}: ${chunks.length} chunks`);
}

const storeDir = mkdtempSync(path.join(tmpdir(), 'capture-store-'));
const green = tempCopy(GREEN);
const buggy = tempCopy(BUGGY);
try {
  registerSuggester('scripted', { factory: () => createScriptedSuggester([TEST_EDIT_CHANGE, WRONG_CHANGE, fixChanges[0]!]) });
  const workflow = createImproveMastra({ storeDir, logger: false }).getWorkflow('improve');

  const greenChunks: unknown[] = [];
  const greenRun = await workflow.createRun();
  await collect(
    greenRun.stream({ inputData: ImproveOptionsSchema.parse({ projectDir: green.dir, sandbox: 'local', suggester: 'scripted' }) })
      .fullStream,
    greenChunks,
  );
  save('green-run', greenChunks);

  const approvalChunks: unknown[] = [];
  const approvalRun = await workflow.createRun();
  await collect(
    approvalRun.stream({
      inputData: ImproveOptionsSchema.parse({
        projectDir: buggy.dir,
        sandbox: 'local',
        suggester: 'scripted',
        approval: 'manual',
        testRetries: 0,
      }),
    }).fullStream,
    approvalChunks,
  );
  for (let resume = 0; resume < 2; resume++) {
    const resumed = await workflow.createRun({ runId: approvalRun.runId });
    await collect(resumed.resumeStream({ resumeData: { approved: true } }).fullStream, approvalChunks);
  }
  save('approval-run', approvalChunks);

  const failedChunks: unknown[] = [];
  const failedRun = await workflow.createRun();
  await collect(
    failedRun.stream({
      inputData: ImproveOptionsSchema.parse({ projectDir: path.join(storeDir, 'missing'), sandbox: 'local', suggester: 'scripted' }),
    }).fullStream,
    failedChunks,
  );
  save('failed-run', failedChunks);

  const item = createStep({
    id: 'item',
    inputSchema: z.object({ n: z.number() }),
    outputSchema: z.object({ n: z.number() }),
    execute: async ({ inputData, writer }) => {
      await writer.write({ note: `item ${inputData.n}` });
      return { n: inputData.n * 2 };
    },
  });
  const sum = createStep({
    id: 'sum',
    inputSchema: z.array(z.object({ n: z.number() })),
    outputSchema: z.object({ total: z.number() }),
    execute: async ({ inputData }) => ({ total: inputData.reduce((t, i) => t + i.n, 0) }),
  });
  const slow = createStep({
    id: 'slow',
    inputSchema: z.object({ total: z.number() }),
    outputSchema: z.object({ total: z.number() }),
    execute: async ({ inputData, abortSignal }) => {
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 5000);
        abortSignal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
      return inputData;
    },
  });
  const demo = createWorkflow({
    id: 'demo',
    inputSchema: z.array(z.object({ n: z.number() })),
    outputSchema: z.object({ total: z.number() }),
  })
    .foreach(item)
    .then(sum)
    .sleep(20)
    .then(slow)
    .commit();
  const demoWorkflow = new Mastra({ workflows: { demo }, logger: false }).getWorkflow('demo');
  const mastraChunks: unknown[] = [];
  const perStep = await demoWorkflow.createRun();
  await collect(perStep.stream({ inputData: [{ n: 1 }, { n: 2 }], perStep: true }).fullStream, mastraChunks);
  const full = await demoWorkflow.createRun();
  const output = full.stream({ inputData: [{ n: 1 }, { n: 2 }] });
  const reading = collect(output.fullStream, mastraChunks);
  // Cancel while `slow` runs.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await full.cancel();
  await reading;
  save('mastra-run', mastraChunks);
} finally {
  rmSync(storeDir, { recursive: true, force: true });
  green.remove();
  buggy.remove();
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApprovalRequestSchema } from '../../src/contract/approval.ts';
import { ImprovementReportSchema } from '../../src/contract/report.ts';
import { mapChunk, toImprovementEvents } from '../../src/events/from-chunks.ts';
import { type ImprovementEvent, ImprovementEventSchema, LoopEventSchema } from '../../src/events/improvement-event.ts';

type Chunk = { type: string; runId?: string; payload?: Record<string, unknown>; data?: unknown };

/** Chunks recorded from real runs by capture-fixtures.ts. */
const fixture = (name: string): Chunk[] => JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', `${name}.json`), 'utf8'));
const green = fixture('green-run');
const approval = fixture('approval-run');
const failed = fixture('failed-run');
const mastra = fixture('mastra-run');
const all = [...green, ...approval, ...failed, ...mastra];

const first = (chunks: Chunk[], test: (c: Chunk) => boolean): Chunk => {
  const found = chunks.find(test);
  if (!found) throw new Error('fixture lacks the chunk');
  return found;
};
const ofType = (chunks: Chunk[], type: string, id?: string) =>
  first(chunks, (c) => c.type === type && (id === undefined || c.payload?.id === id));

describe('mapChunk on real chunks', () => {
  it('maps every recorded chunk to a valid version-1 event, none unknown', () => {
    const kinds = new Set(all.map((c) => c.type));
    expect([...kinds].sort()).toEqual([
      'data-improve',
      'workflow-canceled',
      'workflow-finish',
      'workflow-paused',
      'workflow-start',
      'workflow-step-output',
      'workflow-step-progress',
      'workflow-step-result',
      'workflow-step-start',
      'workflow-step-suspended',
      'workflow-step-waiting',
    ]);
    for (const chunk of all) {
      const event = mapChunk(chunk);
      expect(ImprovementEventSchema.safeParse(event).success, chunk.type).toBe(true);
      expect(event.type, JSON.stringify(chunk).slice(0, 200)).not.toBe('unknown');
      expect(event.v).toBe(1);
      // Chunks of a resumed stream have no runId; our loop events carry their own.
      expect(event.runId).toBe(chunk.runId ?? (chunk.data as { runId?: string }).runId);
    }
  });

  it('workflow-start -> run-start', () => {
    const chunk = ofType(green, 'workflow-start');
    expect(mapChunk(chunk)).toEqual({ v: 1, runId: chunk.runId, type: 'run-start', workflowId: 'improve' });
  });

  it('workflow-step-start -> step-start, with the dotted path of nested steps and the loop iteration', () => {
    const nested = ofType(approval, 'workflow-step-start', 'loop.cycle.suggest');
    expect(mapChunk(nested)).toEqual({
      v: 1,
      runId: nested.runId,
      type: 'step-start',
      stepId: 'loop.cycle.suggest',
      path: ['loop', 'cycle', 'suggest'],
    });
    const cycle = ofType(approval, 'workflow-step-start', 'loop.cycle');
    expect(mapChunk(cycle)).toEqual({
      v: 1,
      runId: cycle.runId,
      type: 'step-start',
      stepId: 'loop.cycle',
      path: ['loop', 'cycle'],
      loopIteration: 1,
    });
  });

  it('workflow-step-result -> step-result, with the error of a failed step', () => {
    const ok = ofType(green, 'workflow-step-result', 'sandbox-test');
    expect(mapChunk(ok)).toEqual({
      v: 1,
      runId: ok.runId,
      type: 'step-result',
      stepId: 'sandbox-test',
      path: ['sandbox-test'],
      status: 'success',
    });
    const bad = ofType(failed, 'workflow-step-result', 'sandbox-test');
    expect(mapChunk(bad)).toEqual({
      v: 1,
      runId: bad.runId,
      type: 'step-result',
      stepId: 'sandbox-test',
      path: ['sandbox-test'],
      status: 'failed',
      error: expect.stringMatching(/^project directory not found: /),
    });
  });

  it('workflow-step-suspended -> step-suspended with the approval request, for the step and the workflows around it', () => {
    const step = ofType(approval, 'workflow-step-suspended', 'loop.cycle.apply');
    const event = mapChunk(step);
    expect(event).toMatchObject({ type: 'step-suspended', stepId: 'loop.cycle.apply', path: ['loop', 'cycle', 'apply'] });
    const request = ApprovalRequestSchema.parse(event.type === 'step-suspended' && event.payload);
    expect(request).toMatchObject({ iteration: 2, files: ['src/cart.ts'] });
    // The nested workflows' own chunks carry Mastra's __workflow_meta, which is not passed on.
    for (const id of ['loop.cycle', 'loop']) {
      const wrapper = ofType(approval, 'workflow-step-suspended', id);
      expect(wrapper.payload?.suspendPayload).toHaveProperty('__workflow_meta');
      expect(mapChunk(wrapper)).toMatchObject({ type: 'step-suspended', stepId: id, payload: request });
    }
  });

  it('workflow-finish -> run-finish, with the report on success and the status otherwise', () => {
    const done = ofType(green, 'workflow-finish');
    const event = mapChunk(done);
    expect(event).toMatchObject({ type: 'run-finish', status: 'success' });
    expect(ImprovementReportSchema.parse(event.type === 'run-finish' && event.result)).toMatchObject({
      status: 'green',
      stopReason: 'green',
    });
    expect(
      approval
        .filter((c) => c.type === 'workflow-finish')
        .map((c) => mapChunk(c))
        .map((e) => e.type === 'run-finish' && e.status),
    ).toEqual(['suspended', 'suspended', 'success']);
    expect(mapChunk(ofType(failed, 'workflow-finish'))).toEqual({ v: 1, runId: failed[0]?.runId, type: 'run-finish', status: 'failed' });
    expect(
      mastra
        .filter((c) => c.type === 'workflow-finish')
        .map((c) => mapChunk(c))
        .map((e) => e.type === 'run-finish' && e.status),
    ).toEqual(['paused', 'canceled']);
  });

  it('workflow-paused, workflow-canceled, workflow-step-waiting, -output and -progress', () => {
    const paused = ofType(mastra, 'workflow-paused');
    expect(mapChunk(paused)).toEqual({ v: 1, runId: paused.runId, type: 'run-paused' });
    const canceled = ofType(mastra, 'workflow-canceled');
    expect(mapChunk(canceled)).toEqual({ v: 1, runId: canceled.runId, type: 'run-canceled' });
    const waiting = ofType(mastra, 'workflow-step-waiting');
    expect(mapChunk(waiting)).toMatchObject({ type: 'step-waiting', stepId: expect.stringMatching(/^sleep_/) });
    const output = ofType(mastra, 'workflow-step-output');
    expect(mapChunk(output)).toEqual({ v: 1, runId: output.runId, type: 'step-output', stepName: 'item', output: { note: 'item 1' } });
    const progress = ofType(mastra, 'workflow-step-progress');
    expect(mapChunk(progress)).toEqual({
      v: 1,
      runId: progress.runId,
      type: 'step-progress',
      stepId: 'item',
      path: ['item'],
      completed: 1,
      total: 2,
    });
  });

  it('data-improve -> loop events that say when they happened: ISO time, and the elapsed run time, in order', () => {
    const events = approval.filter((c) => c.type === 'data-improve').map((c) => mapChunk(c));
    expect(events.length).toBeGreaterThan(20);
    const stamps = events.map((e) => {
      if (!('at' in e) || e.at === undefined || e.elapsedMs === undefined) throw new Error(`${e.type} has no time`);
      expect(e.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      return { at: Date.parse(e.at), elapsedMs: e.elapsedMs, type: e.type };
    });
    // One clock: by every event's reckoning the run started at the same instant, and times only go
    // forward, across the suspensions and resumes too. Budget events keep their own elapsedMs
    // (the time charged to the budget), so they are left out of the start-time check.
    const starts = stamps.filter((s) => s.type !== 'budget').map((s) => s.at - s.elapsedMs);
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThanOrEqual(1);
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]!.at).toBeGreaterThanOrEqual(stamps[i - 1]!.at);
  });

  it('data-improve -> the loop event the step emitted, unchanged', () => {
    for (const chunk of all.filter((c) => c.type === 'data-improve')) {
      // Over HTTP the chunk arrives whole; Mastra's in-process stream keeps only its payload.
      expect(mapChunk(chunk)).toEqual(LoopEventSchema.parse(chunk.data ?? chunk.payload));
    }
    const types = approval.filter((c) => c.type === 'data-improve').map((c) => mapChunk(c).type);
    expect(types.filter((t, i) => t !== types[i - 1])).toEqual([
      'test-progress',
      'test-run',
      'iteration-start',
      'findings',
      'budget',
      'suggestion',
      'patch-rejected',
      'iteration-end',
      'iteration-start',
      'findings',
      'budget',
      'suggestion',
      'approval-requested',
      'patch-applied',
      'test-progress',
      'test-run',
      'patch-reverted',
      'iteration-end',
      'iteration-start',
      'findings',
      'budget',
      'suggestion',
      'approval-requested',
      'patch-applied',
      'test-progress',
      'test-run',
      'patch-kept',
      'iteration-end',
      'iteration-start',
      'findings',
      'budget',
      'iteration-end',
      'summary',
    ]);
  });
});

describe('mapChunk on chunks it does not know', () => {
  const runId = 'r-1';
  it.each([
    ['a chunk kind from a newer Mastra', { type: 'workflow-step-teleported', runId, payload: { id: 'x' } }],
    ['an agent step finish', { type: 'workflow-step-finish', runId, payload: { id: 'x', metadata: {} } }],
    ['another data part', { type: 'data-other', runId, data: { a: 1 } }],
    ['a data-improve chunk of another version', { type: 'data-improve', runId, data: { v: 2, type: 'iteration-start', iteration: 1 } }],
    ['a data-improve chunk with a bad body', { type: 'data-improve', runId, data: { v: 1, type: 'iteration-start' } }],
    ['a step chunk without an id', { type: 'workflow-step-start', runId, payload: {} }],
  ])('passes %s through as unknown', (_, chunk) => {
    expect(mapChunk(chunk)).toEqual({ v: 1, runId, type: 'unknown', chunk });
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['an array', [1]],
    ['a number', 3],
    ['an object without type', { payload: {} }],
  ])('passes %s through as unknown', (_, chunk) => {
    expect(mapChunk(chunk)).toEqual({ v: 1, type: 'unknown', chunk });
  });
});

describe('toImprovementEvents', () => {
  it('maps a whole real stream one to one, in order', async () => {
    async function* replay() {
      yield* approval;
    }
    const events: ImprovementEvent[] = [];
    for await (const event of toImprovementEvents(replay())) events.push(event);
    expect(events).toEqual(approval.map((c) => mapChunk(c)));
  });

  it('reads a chunk only when the consumer asks for the next event, and closes the source on break', async () => {
    let pulled = 0;
    let closed = false;
    const source: AsyncIterable<unknown> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ done: false, value: green[pulled++ % green.length] }),
        return: async () => {
          closed = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const events = toImprovementEvents(source);
    await events.next();
    await events.next();
    expect(pulled).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pulled).toBe(2);
    for await (const _ of events) break;
    expect(pulled).toBe(3);
    expect(closed).toBe(true);
  });

  it('works on a web ReadableStream, as run.stream().fullStream is', async () => {
    const stream = new ReadableStream({
      start(controller) {
        for (const chunk of failed) controller.enqueue(chunk);
        controller.close();
      },
    });
    const types: string[] = [];
    for await (const event of toImprovementEvents(stream)) types.push(event.type);
    expect(types).toEqual(['run-start', 'step-start', 'step-result', 'run-finish']);
  });
});

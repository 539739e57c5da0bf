import { type ImprovementEvent, LifecycleEventSchema, LoopEventSchema, PROGRESS_CHUNK_TYPE } from './improvement-event.ts';

type Chunk = Record<string, unknown>;

/**
 * Maps Mastra workflow stream chunks to `ImprovementEvent`s one at a time, pulling the next chunk
 * only when the consumer asks for the next event, so a slow consumer slows the reader instead of
 * growing a buffer. Works on `run.stream().fullStream`, `resumeStream()`, or the client SDK's stream.
 */
export async function* toImprovementEvents(chunks: AsyncIterable<unknown>): AsyncGenerator<ImprovementEvent> {
  for await (const chunk of chunks) yield mapChunk(chunk);
}

/** One chunk to one event; anything unrecognised or malformed becomes `{ type: 'unknown', chunk }`. */
export function mapChunk(chunk: unknown): ImprovementEvent {
  if (!isRecord(chunk) || typeof chunk.type !== 'string') return unknown(chunk);
  const mapped = chunk.type === PROGRESS_CHUNK_TYPE ? fromLoopChunk(chunk) : fromWorkflowChunk(chunk);
  return mapped ?? unknown(chunk);
}

function fromLoopChunk(chunk: Chunk): ImprovementEvent | undefined {
  const runId = typeof chunk.runId === 'string' ? chunk.runId : undefined;
  // Over HTTP the chunk arrives whole; Mastra's in-process stream keeps only its payload.
  const event = chunk.data ?? chunk.payload;
  const data = isRecord(event) && runId !== undefined && event.runId === undefined ? { ...event, runId } : event;
  const parsed = LoopEventSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

function fromWorkflowChunk(chunk: Chunk): ImprovementEvent | undefined {
  const payload: Chunk = isRecord(chunk.payload) ? chunk.payload : {};
  const head = { v: 1, ...(typeof chunk.runId === 'string' ? { runId: chunk.runId } : {}) };
  const step = () => ({ ...head, stepId: payload.id, path: typeof payload.id === 'string' ? payload.id.split('.') : undefined });
  const candidate = (() => {
    switch (chunk.type) {
      case 'workflow-start':
        return { ...head, type: 'run-start', workflowId: payload.workflowId };
      case 'workflow-finish':
        return {
          ...head,
          type: 'run-finish',
          status: payload.workflowStatus,
          ...(payload.finalWorkflowResult !== undefined ? { result: payload.finalWorkflowResult } : {}),
          ...errorField(payload.error),
        };
      case 'workflow-paused':
        return { ...head, type: 'run-paused' };
      case 'workflow-canceled':
        return { ...head, type: 'run-canceled' };
      case 'workflow-step-start': {
        const iteration = isRecord(payload.metadata) ? payload.metadata.iterationCount : undefined;
        return { ...step(), type: 'step-start', ...(typeof iteration === 'number' ? { loopIteration: iteration } : {}) };
      }
      case 'workflow-step-result':
        return { ...step(), type: 'step-result', status: payload.status, ...errorField(payload.error) };
      case 'workflow-step-suspended':
        return { ...step(), type: 'step-suspended', payload: withoutMeta(payload.suspendPayload) };
      case 'workflow-step-waiting':
        return { ...step(), type: 'step-waiting' };
      case 'workflow-step-output':
        return { ...head, type: 'step-output', stepName: payload.stepName, output: payload.output };
      case 'workflow-step-progress':
        return { ...step(), type: 'step-progress', completed: payload.completedCount, total: payload.totalCount };
      default:
        return undefined;
    }
  })();
  const parsed = LifecycleEventSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** Mastra adds `__workflow_meta` to a nested workflow's suspend payload; it is not the step's. */
function withoutMeta(payload: unknown): unknown {
  if (!isRecord(payload) || !('__workflow_meta' in payload)) return payload;
  const { __workflow_meta: _, ...rest } = payload;
  return rest;
}

function errorField(error: unknown): { error?: string } {
  if (error === undefined || error === null) return {};
  if (typeof error === 'string') return { error };
  if (isRecord(error) && typeof error.message === 'string') return { error: error.message };
  const json = JSON.stringify(error);
  return json === '{}' ? {} : { error: json };
}

function unknown(chunk: unknown): ImprovementEvent {
  const runId = isRecord(chunk) && typeof chunk.runId === 'string' ? chunk.runId : undefined;
  return { v: 1, ...(runId !== undefined ? { runId } : {}), type: 'unknown', chunk };
}

function isRecord(value: unknown): value is Chunk {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

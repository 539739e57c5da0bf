import { type LoopEvent, PROGRESS_CHUNK_TYPE } from './improvement-event.ts';

type WithoutVersion<T> = T extends unknown ? Omit<T, 'v'> : never;
export type LoopEventInput = WithoutVersion<LoopEvent>;

/** What a step's `writer` offers that we use. */
export interface EventWriter {
  custom(chunk: { type: `data-${string}`; data: unknown; payload: unknown }): Promise<void>;
}

/**
 * Emits a loop event as a top-level `data-improve` chunk. `writer.custom` rather than
 * `writer.write`: the chunk keeps its own type at the top level (no `workflow-step-output`
 * wrapper naming a bare, non-dotted step), travels unchanged through Mastra's HTTP stream, and is
 * the `data-*` part convention AI SDK UIs already understand. Always awaited: an unawaited write
 * locks the stream. The event also travels as `payload`: Mastra Studio's run view reads
 * `payload.id` from every chunk type it does not know and fails to display the run without a
 * payload, and Mastra's in-process stream keeps only `payload` of a chunk that has one.
 */
export async function emit(writer: EventWriter | undefined, event: LoopEventInput): Promise<void> {
  const data = { v: 1, ...event };
  await writer?.custom({ type: PROGRESS_CHUNK_TYPE, data, payload: data });
}

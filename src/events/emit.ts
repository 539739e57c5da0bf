import { type LoopEvent, PROGRESS_CHUNK_TYPE } from './improvement-event.ts';

/** What `emit` adds: the version and when the event happened. `budget` keeps its own `elapsedMs` (charged to the budget). */
type Stamped<T> = T extends { type: 'budget' } ? Omit<T, 'v' | 'at'> : T extends unknown ? Omit<T, 'v' | 'at' | 'elapsedMs'> : never;
export type LoopEventInput = Stamped<LoopEvent>;

/** When the run started (epoch ms), so every event can say how far into the run it happened. */
export interface RunClock {
  startedAt: number;
}

/** What a step's `writer` offers that we use. */
export interface EventWriter {
  custom(chunk: { type: `data-${string}`; data: unknown; payload: unknown }): Promise<void>;
}

/**
 * Emits a loop event as a top-level `data-improve` chunk, stamped with when it happened (`at`, ISO
 * time) and the run's elapsed milliseconds, so a client can show durations without a clock of its
 * own. `writer.custom` rather than `writer.write`: the chunk keeps its own type at the top level
 * (no `workflow-step-output` wrapper naming a bare, non-dotted step), travels unchanged through
 * Mastra's HTTP stream, and is the `data-*` part convention AI SDK UIs already understand. Always
 * awaited: an unawaited write locks the stream. The event also travels as `payload`: Mastra
 * Studio's run view reads `payload.id` from every chunk type it does not know and fails to display
 * the run without a payload, and Mastra's in-process stream keeps only `payload` of a chunk that has one.
 */
export async function emit(writer: EventWriter | undefined, clock: RunClock, event: LoopEventInput): Promise<void> {
  const now = Date.now();
  const data = { v: 1, at: new Date(now).toISOString(), elapsedMs: Math.max(0, now - clock.startedAt), ...event };
  await writer?.custom({ type: PROGRESS_CHUNK_TYPE, data, payload: data });
}

import { z } from 'zod';

/**
 * Starts every line our reporters print (one per runner, see runners/); nothing a runner prints
 * starts like this. The same events whatever the runner: a run started, a test file finished (with
 * the expected/actual values of its failures), the run ended (with errors raised outside tests).
 */
export const PROGRESS_MARKER = '@@recursive-improve@@ ';

/** Longest expected/actual text a reporter keeps per failure. */
export const MAX_VALUE_CHARS = 4000;

export const ProgressEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), files: z.number().int() }),
  z.object({
    type: z.literal('file'),
    file: z.string(),
    passed: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    failures: z.array(z.object({ namePath: z.array(z.string()), expected: z.string().optional(), actual: z.string().optional() })),
  }),
  z.object({ type: z.literal('end'), reason: z.string(), unhandled: z.array(z.string()) }),
]);
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

/** The event on one output line, or undefined when the line is not one of ours. */
export function parseProgressLine(line: string): ProgressEvent | undefined {
  const at = line.indexOf(PROGRESS_MARKER);
  if (at === -1) return undefined;
  try {
    const parsed = ProgressEventSchema.safeParse(JSON.parse(line.slice(at + PROGRESS_MARKER.length)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Every event in a whole captured output. */
export function progressEvents(output: string): ProgressEvent[] {
  return output.split('\n').flatMap((line) => parseProgressLine(line) ?? []);
}

/** Feeds streamed output in, calls back once per complete line. */
export function lineSplitter(onLine: (line: string) => void): { push(chunk: string): void; end(): void } {
  let pending = '';
  return {
    push(chunk) {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    },
    end() {
      if (pending !== '') onLine(pending);
      pending = '';
    },
  };
}

import { z } from 'zod';

/** Starts every line our vitest reporter prints; nothing else vitest prints starts like this. */
export const PROGRESS_MARKER = '@@recursive-improve@@ ';

/** Longest expected/actual text kept per failure. */
const MAX_VALUE_CHARS = 4000;

/**
 * A vitest reporter, written into the sandbox next to the project, that prints one marker line per
 * finished test file (for live progress) with the expected/actual values of its failures (vitest's
 * JSON report keeps only message and stack), and one at the end with errors raised outside tests.
 * Plain JavaScript so vitest loads it without transforming.
 */
export const PROGRESS_REPORTER_SOURCE = `// Written by recursive-improve for one test run; safe to delete.
const MARKER = ${JSON.stringify(PROGRESS_MARKER)};
const clip = (value) =>
  typeof value !== 'string' ? undefined : value.length > ${MAX_VALUE_CHARS} ? value.slice(0, ${MAX_VALUE_CHARS}) + '…' : value;
const emit = (event) => process.stdout.write(MARKER + JSON.stringify(event) + '\\n');

function namePath(test) {
  const names = [test.name];
  for (let parent = test.parent; parent && parent.type === 'suite'; parent = parent.parent) names.unshift(parent.name);
  return names;
}

export default class RecursiveImproveReporter {
  onTestRunStart(specifications) {
    emit({ type: 'start', files: specifications.length });
  }

  onTestModuleEnd(module) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const failures = [];
    for (const test of module.children.allTests()) {
      const result = test.result();
      if (result.state === 'passed') counts.passed++;
      else if (result.state === 'failed') {
        counts.failed++;
        const error = result.errors && result.errors[0];
        failures.push({ namePath: namePath(test), expected: clip(error && error.expected), actual: clip(error && error.actual) });
      } else counts.skipped++;
    }
    emit({ type: 'file', file: module.moduleId, ...counts, failures });
  }

  onTestRunEnd(modules, unhandledErrors, reason) {
    const unhandled = unhandledErrors.map((e) => clip(String((e && (e.stack || e.message)) || e)));
    emit({ type: 'end', reason, unhandled });
  }
}
`;

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

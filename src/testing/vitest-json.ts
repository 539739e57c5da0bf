import { stripVTControlCharacters } from 'node:util';
import { z } from 'zod';
import type { ProgressEvent } from './progress-reporter.ts';
import type { TestCaseResult, TestFileResult, TestStatus } from './report.ts';
import { errorMessage, projectFrames, projectPath } from './stack.ts';

/** The parts of vitest's `--reporter=json` output we read (vitest 5; Jest-compatible field names). */
const AssertionResultSchema = z.object({
  ancestorTitles: z.array(z.string()),
  title: z.string(),
  status: z.string(),
  duration: z.number().nullish(),
  failureMessages: z.array(z.string()).nullish(),
});

const TestFileSchema = z.object({
  name: z.string(),
  status: z.string(),
  message: z.string().nullish(),
  startTime: z.number().nullish(),
  endTime: z.number().nullish(),
  assertionResults: z.array(AssertionResultSchema),
});

export const VitestJsonSchema = z.object({
  numTotalTests: z.number(),
  success: z.boolean(),
  startTime: z.number().optional(),
  testResults: z.array(TestFileSchema),
});
export type VitestJson = z.infer<typeof VitestJsonSchema>;

/** Reads vitest's JSON report text; a one-line reason when it is not one. */
export function readVitestJson(text: string): { ok: true; json: VitestJson } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON (${(error as Error).message})` };
  }
  const parsed = VitestJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `not a vitest report (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'})` };
  }
  return { ok: true, json: parsed.data };
}

export function testId(file: string, namePath: readonly string[]): string {
  return [file, ...namePath].join(' > ');
}

/**
 * Turns a parsed report into our per-file results. `events` are our reporter's marker lines; they add
 * the expected/actual values that vitest's JSON leaves out.
 */
export function toFileResults(json: VitestJson, workdir: string, events: readonly ProgressEvent[] = []): TestFileResult[] {
  const values = failureValues(events, workdir);
  return json.testResults.map((file) => {
    const path = projectPath(file.name, workdir) ?? file.name;
    const tests = file.assertionResults.map((a) => toTestCase(path, a, workdir, values));
    const loadError = file.message ? stripVTControlCharacters(file.message).trim() : '';
    const ran = tests.some((t) => t.status === 'passed' || t.status === 'failed');
    const status = file.status === 'failed' || loadError ? 'failed' : ran || tests.length === 0 ? 'passed' : 'skipped';
    return {
      file: path,
      status,
      durationMs: Math.max(0, (file.endTime ?? 0) - (file.startTime ?? 0)),
      ...(loadError ? { error: loadError } : {}),
      tests,
    };
  });
}

function toTestCase(
  file: string,
  result: z.infer<typeof AssertionResultSchema>,
  workdir: string,
  values: Map<string, { expected?: string; actual?: string }>,
): TestCaseResult {
  const namePath = [...result.ancestorTitles, result.title];
  const id = testId(file, namePath);
  const status = toStatus(result.status);
  const stack = result.failureMessages?.[0];
  const test: TestCaseResult = { id, file, namePath, status, durationMs: result.duration ?? 0 };
  if (status !== 'failed') return test;
  const value = values.get(id);
  const text = stripVTControlCharacters(stack ?? 'failed without an error message');
  return {
    ...test,
    failure: {
      message: errorMessage(text),
      ...(value?.expected !== undefined ? { expected: value.expected } : {}),
      ...(value?.actual !== undefined ? { actual: value.actual } : {}),
      frames: projectFrames(text, workdir),
    },
  };
}

function toStatus(status: string): TestStatus {
  if (status === 'passed' || status === 'failed' || status === 'todo') return status;
  return 'skipped';
}

function failureValues(events: readonly ProgressEvent[], workdir: string): Map<string, { expected?: string; actual?: string }> {
  const values = new Map<string, { expected?: string; actual?: string }>();
  for (const event of events) {
    if (event.type !== 'file') continue;
    const file = projectPath(event.file, workdir) ?? event.file;
    for (const f of event.failures) {
      values.set(testId(file, f.namePath), {
        ...(f.expected !== undefined ? { expected: stripVTControlCharacters(f.expected) } : {}),
        ...(f.actual !== undefined ? { actual: stripVTControlCharacters(f.actual) } : {}),
      });
    }
  }
  return values;
}

import { stripVTControlCharacters } from 'node:util';
import { z } from 'zod';
import type { ProgressEvent } from './progress-protocol.ts';
import type { TestCaseResult, TestFileResult, TestStatus } from './report.ts';
import { errorMessage, projectFrames, projectPath } from './stack.ts';

/**
 * The JSON results every runner's run leaves for us, in Jest's `--json` format: jest writes it
 * itself, vitest's `json` reporter writes the same shape, and our own mocha and node:test reporters
 * write it too (see runners/). Only the parts we read are listed.
 */
const AssertionResultSchema = z.object({
  ancestorTitles: z.array(z.string()),
  title: z.string(),
  status: z.string(),
  duration: z.number().nullish(),
  failureMessages: z.array(z.string()).nullish(),
  /** Jest: times the test ran (retries included); above 1 for a passed test means it was flaky. */
  invocations: z.number().nullish(),
});

const TestFileSchema = z.object({
  name: z.string(),
  status: z.string(),
  message: z.string().nullish(),
  startTime: z.number().nullish(),
  endTime: z.number().nullish(),
  assertionResults: z.array(AssertionResultSchema),
});

export const JsonResultsSchema = z.object({
  numTotalTests: z.number(),
  success: z.boolean(),
  startTime: z.number().optional(),
  testResults: z.array(TestFileSchema),
});
export type JsonResults = z.infer<typeof JsonResultsSchema>;

/** Reads a JSON results file's text; a one-line reason when it is not one. */
export function readJsonResults(text: string): { ok: true; json: JsonResults } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON (${(error as Error).message})` };
  }
  const parsed = JsonResultsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `not a test results file (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'})` };
  }
  return { ok: true, json: parsed.data };
}

export function testId(file: string, namePath: readonly string[]): string {
  return [file, ...namePath].join(' > ');
}

/**
 * Turns parsed results into our per-file results. `events` are our reporter's marker lines; they add
 * the expected/actual values the JSON leaves out. Tests with the same full name in one file (mocha
 * allows it) get `(2)`, `(3)`... so every id stays unique.
 */
export function toFileResults(json: JsonResults, workdir: string, events: readonly ProgressEvent[] = []): TestFileResult[] {
  const values = failureValues(events, workdir);
  return json.testResults.map((file) => {
    const path = projectPath(file.name, workdir) ?? file.name;
    const tests = uniqueIds(file.assertionResults.map((a) => toTestCase(path, a, workdir, values)));
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
  const retried = status === 'passed' && (result.invocations ?? 1) > 1;
  const test: TestCaseResult = { id, file, namePath, status, durationMs: result.duration ?? 0, ...(retried ? { flaky: true } : {}) };
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

function uniqueIds(tests: TestCaseResult[]): TestCaseResult[] {
  const seen = new Map<string, number>();
  return tests.map((test) => {
    const count = (seen.get(test.id) ?? 0) + 1;
    seen.set(test.id, count);
    if (count === 1) return test;
    const namePath = [...test.namePath.slice(0, -1), `${test.namePath.at(-1)} (${count})`];
    return { ...test, namePath, id: testId(test.file, namePath) };
  });
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

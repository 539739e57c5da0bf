import type { Finding } from '../../analysis/finding.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { allTests, type TestCaseResult, type TestReport } from '../../testing/report.ts';
import { type CodeWindow, codeWindows } from './prompt.ts';

/** Files up to this many lines are shown whole: the model sees every definition they hold. */
const WHOLE_FILE_LINES = 150;
/** Frames of a failing test shown per test (innermost first). */
const FRAMES_PER_TEST = 3;

/** The failing tests a finding names, with their failures. */
export function failingTestsOf(finding: Finding, report: TestReport): TestCaseResult[] {
  const named = new Set(finding.tests);
  return allTests(report).filter((test) => named.has(test.id) && test.status === 'failed');
}

/**
 * The code to show for a finding: around its location and around the frames of the failing tests
 * that show it (the test's own lines included, read-only context). The finding's file comes first.
 */
export async function localize(sandbox: Sandbox, finding: Finding, failing: readonly TestCaseResult[], radius: number): Promise<CodeWindow[]> {
  const points = new Map<string, number[]>();
  const add = (file: string, line: number | undefined) => {
    const lines = points.get(file) ?? [];
    if (line !== undefined) lines.push(line);
    points.set(file, lines);
  };
  if (finding.location) add(finding.location.file, finding.location.line);
  for (const test of failing) {
    for (const frame of test.failure?.frames.slice(0, FRAMES_PER_TEST) ?? []) add(frame.file, frame.line);
  }
  const windows: CodeWindow[] = [];
  for (const [file, lines] of points) {
    const text = await sandbox.readFile(file).catch(() => undefined);
    if (text === undefined) continue;
    const lineCount = text.split('\n').length;
    windows.push(...(lineCount <= WHOLE_FILE_LINES ? codeWindows(file, text, [1], lineCount) : codeWindows(file, text, lines, radius)));
  }
  return windows;
}

import { plural } from '../text/plural.ts';
import { summarizeError } from './build-report.ts';
import { allTests, type StackFrame, type TestCaseResult, type TestReport } from './report.ts';

/** Frames shown per failing test. */
const SHOWN_FRAMES = 2;
/** Lines of a failure message shown per failing test. */
const SHOWN_LINES = 4;
/** Characters of an expected or actual value shown. */
const SHOWN_VALUE_CHARS = 200;

/** A short human-readable summary: counts, the run's error, each failing test with file:line and message. */
export function formatReport(report: TestReport): string {
  const { totals } = report;
  const counts = [
    `${totals.passed} passed`,
    totals.failed > 0 ? `${totals.failed} failed` : undefined,
    totals.skipped > 0 ? `${totals.skipped} skipped` : undefined,
    totals.flaky > 0 ? `${totals.flaky} flaky` : undefined,
  ].filter((part) => part !== undefined);
  const lines = [
    `${report.runner}: ${plural(totals.tests, 'test')} in ${plural(totals.files, 'file')}: ${counts.join(', ')} (${seconds(report.wallMs)})`,
  ];
  if (report.error) lines.push(`error (${report.error.kind}): ${report.error.message}`);
  for (const file of report.files) {
    if (file.error && file.tests.length === 0) lines.push(`FAIL ${file.file}: ${summarizeError(file.error)}`);
  }
  for (const test of allTests(report).filter((t) => t.status === 'failed')) lines.push(...failedTest(test));
  const flaky = allTests(report).filter((t) => t.flaky);
  if (flaky.length > 0) lines.push(`flaky (failed, then passed on a rerun): ${flaky.map((t) => t.id).join('; ')}`);
  return lines.join('\n');
}

function failedTest(test: TestCaseResult): string[] {
  const lines = [`FAIL ${test.id}`];
  const failure = test.failure;
  if (!failure) return lines;
  if (failure.frames.length > 0) lines.push(`  at ${failure.frames.slice(0, SHOWN_FRAMES).map(where).join(' <- ')}`);
  lines.push(indent(clip(failure.message, SHOWN_LINES)));
  if (failure.expected !== undefined) lines.push(`  expected: ${oneLine(failure.expected)}`);
  if (failure.actual !== undefined) lines.push(`  actual:   ${oneLine(failure.actual)}`);
  return lines;
}

function where(frame: StackFrame): string {
  return `${frame.file}:${frame.line}${frame.fn ? ` (${frame.fn})` : ''}`;
}

function clip(text: string, maxLines: number): string {
  const lines = text.split('\n');
  return lines.length > maxLines ? [...lines.slice(0, maxLines), '…'].join('\n') : text;
}

function oneLine(value: string): string {
  const flat = value.replace(/\s*\n\s*/g, ' ');
  return flat.length > SHOWN_VALUE_CHARS ? `${flat.slice(0, SHOWN_VALUE_CHARS)}…` : flat;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

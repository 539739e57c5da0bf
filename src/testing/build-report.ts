import { stripVTControlCharacters } from 'node:util';
import { plural } from '../text/plural.ts';
import { readJsonResults, toFileResults } from './json-results.ts';
import { PROGRESS_MARKER, type ProgressEvent } from './progress-protocol.ts';
import type { ReportErrorKind, TestFileResult, TestReport, TestTotals } from './report.ts';
import { runnerAdapter, runnerLabels } from './runners/registry.ts';
import type { RunnerName } from './runners/runner.ts';

/** What one run of the test command left behind. */
export interface TestRunOutput {
  runner: RunnerName | 'other';
  command: string;
  sandbox: string;
  workdir: string;
  startedAt: string;
  wallMs: number;
  exitCode: number;
  timedOut: boolean;
  timeoutMs: number;
  stdout: string;
  stderr: string;
  /** Text of the JSON report file; undefined when the run left none. */
  reportText: string | undefined;
  events: readonly ProgressEvent[];
}

/** Characters of the runner's own output kept in a report. */
const TAIL_CHARS = 4000;

/** The fields of a report that say how it was made. */
export type ReportBase = Pick<TestReport, 'runner' | 'command' | 'sandbox' | 'startedAt' | 'wallMs' | 'outputTail'>;

/** A report of a run that broke: `files` holds whatever results there are. */
export function errorReport(base: ReportBase, kind: ReportErrorKind, message: string, files: TestFileResult[] = []): TestReport {
  return { version: 1, ...base, totals: totalsOf(files), files, error: { kind, message } };
}

export function buildTestReport(run: TestRunOutput): TestReport {
  const base: ReportBase = {
    runner: run.runner === 'other' ? 'unknown' : run.runner,
    command: run.command,
    sandbox: run.sandbox,
    startedAt: run.startedAt,
    wallMs: run.wallMs,
    outputTail: outputTail(run),
  };
  const broken = (kind: ReportErrorKind, message: string, files: TestFileResult[] = []): TestReport =>
    errorReport(base, kind, scrubPaths(message, run.workdir), files);

  if (run.timedOut) return broken('timeout', timeoutMessage(run));
  if (run.runner === 'other') {
    return broken(
      'bad-output',
      `\`${run.command}\` runs none of ${runnerLabels()} (exit code ${run.exitCode}); only their results can be read`,
    );
  }
  const label = runnerAdapter(run.runner).label;
  if (run.reportText === undefined || run.reportText.trim() === '') {
    if (/No test files found/i.test(`${run.stdout}\n${run.stderr}`)) return broken('no-tests', 'no test files found');
    return broken('crash', `${label} exited with code ${run.exitCode} before writing its results: ${firstError(run)}`);
  }
  const read = readJsonResults(run.reportText);
  if (!read.ok) return broken('bad-output', `${label}'s JSON results could not be read: ${read.reason}`);
  const files = toFileResults(read.json, run.workdir, run.events);
  if (files.length === 0) return broken('no-tests', 'no test files found');
  const failure = runFailure(files, run, label);
  return failure ? broken(failure.kind, failure.message, files) : { version: 1, ...base, totals: totalsOf(files), files };
}

export function totalsOf(files: readonly TestFileResult[]): TestTotals {
  const tests = files.flatMap((f) => f.tests);
  return {
    files: files.length,
    tests: tests.length,
    passed: tests.filter((t) => t.status === 'passed').length,
    failed: tests.filter((t) => t.status === 'failed').length,
    skipped: tests.filter((t) => t.status === 'skipped' || t.status === 'todo').length,
    flaky: tests.filter((t) => t.flaky).length,
  };
}

/** A failure of the run beyond failing tests: files that did not load, errors outside tests. */
function runFailure(files: TestFileResult[], run: TestRunOutput, label: string): { kind: ReportErrorKind; message: string } | undefined {
  const broken = files.filter((f) => f.error !== undefined);
  const unloaded = broken.filter((f) => f.tests.length === 0);
  if (unloaded.length > 0) {
    return { kind: 'compile', message: `${plural(unloaded.length, 'test file')} failed to load: ${fileErrors(unloaded)}` };
  }
  if (broken.length > 0) {
    return { kind: 'crash', message: `error outside any test in ${fileErrors(broken)}` };
  }
  const unhandled = run.events.flatMap((e) => (e.type === 'end' ? e.unhandled : []));
  if (unhandled.length > 0) {
    return {
      kind: 'crash',
      message: `${plural(unhandled.length, 'unhandled error')} during the run: ${firstLine(unhandled[0]!)}`,
    };
  }
  if (run.exitCode !== 0 && totalsOf(files).failed === 0) {
    return { kind: 'crash', message: `${label} exited with code ${run.exitCode} although no test failed: ${firstError(run)}` };
  }
  return undefined;
}

function fileErrors(files: TestFileResult[]): string {
  return files.map((f) => `${f.file} (${summarizeError(f.error ?? '')})`).join('; ');
}

function timeoutMessage(run: TestRunOutput): string {
  const finished = run.events.filter((e) => e.type === 'file').length;
  const start = run.events.find((e) => e.type === 'start');
  const progress = start ? ` (${finished} of ${start.files} test files had finished)` : '';
  return `tests did not finish within ${Math.round(run.timeoutMs / 1000)} s and were stopped${progress}`;
}

/** The most telling line of what the runner printed, for a one-line error. */
function firstError(run: TestRunOutput): string {
  const lines = meaningfulLines(run.stderr).concat(meaningfulLines(run.stdout));
  const error = lines.find((l) => /\b\w*Error\b|error:/i.test(l));
  const picked = [lines[0], error].filter((l, i, all): l is string => l !== undefined && all.indexOf(l) === i);
  return picked.length > 0 ? picked.join(' — ') : 'no output';
}

function meaningfulLines(text: string): string[] {
  return stripVTControlCharacters(text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith(PROGRESS_MARKER) && /[A-Za-z]/.test(l) && !/^⎯+/.test(l));
}

/** First meaningful lines of a multi-line error (such as a compiler's), joined into one. */
export function summarizeError(error: string): string {
  return meaningfulLines(error)
    .filter((l) => !/^\d+ │|^│|^───/.test(l))
    .map((l) => l.replace(/^╭─\[\s*(.*?)\s*\]$/, 'at $1'))
    .slice(0, 3)
    .join(' ');
}

function firstLine(text: string): string {
  return meaningfulLines(text)[0] ?? text;
}

function scrubPaths(message: string, workdir: string): string {
  return message.replaceAll(`${workdir.replace(/\/+$/, '')}/`, '');
}

function outputTail(run: TestRunOutput): string {
  const text = stripVTControlCharacters(`${run.stdout}\n${run.stderr}`)
    .split('\n')
    .filter((l) => !l.startsWith(PROGRESS_MARKER))
    .join('\n')
    .trim();
  return text.length > TAIL_CHARS ? text.slice(-TAIL_CHARS) : text;
}

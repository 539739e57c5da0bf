import { describe, expect, it } from 'vitest';
import { buildTestReport } from '../../src/testing/build-report.ts';
import { progressEvents } from '../../src/testing/progress-protocol.ts';
import { allTests, suitePasses, TestReportSchema } from '../../src/testing/report.ts';
import buggyFixes from '../fixtures/buggy-fixes.json' with { type: 'json' };
import { capturedRun } from './captures.ts';

describe('buildTestReport on real vitest runs', () => {
  it('reads a green run', () => {
    const report = buildTestReport(capturedRun('green'));
    expect(TestReportSchema.parse(report)).toEqual(report);
    expect(report.error).toBeUndefined();
    expect(report.totals).toEqual({ files: 2, tests: 17, passed: 17, failed: 0, skipped: 0, flaky: 0 });
    expect(suitePasses(report)).toBe(true);
    expect(report.files.map((f) => f.file).sort()).toEqual(['tests/numbers.test.ts', 'tests/text.test.ts']);
    expect(allTests(report).find((t) => t.namePath.at(-1) === 'joins words with dashes')).toMatchObject({
      id: 'tests/text.test.ts > slugify > joins words with dashes',
      file: 'tests/text.test.ts',
      namePath: ['slugify', 'joins words with dashes'],
      status: 'passed',
    });
  });

  it('names every failing test of the buggy example and nothing else', () => {
    const report = buildTestReport(capturedRun('buggy'));
    const failing = allTests(report)
      .filter((t) => t.status === 'failed')
      .map((t) => t.id)
      .sort();
    expect(failing).toEqual(buggyFixes.fixes.flatMap((f) => f.fixesTests).sort());
    expect(report.totals).toMatchObject({ files: 3, tests: 23, passed: 18, failed: 5 });
    expect(report.error).toBeUndefined();
    expect(suitePasses(report)).toBe(false);
    expect(report.files.every((f) => f.status === 'failed')).toBe(true);
  });

  it('keeps the message, expected and actual of an assertion', () => {
    const test = allTests(buildTestReport(capturedRun('buggy'))).find((t) => t.id.endsWith('taxes the discounted amount'));
    expect(test?.failure).toEqual({
      message: 'AssertionError: expected 500 to be 450 // Object.is equality',
      expected: '450',
      actual: '500',
      frames: [{ file: 'tests/cart.test.ts', line: 71, column: 24 }],
    });
  });

  it('maps a thrown error to the source line that threw, without node_modules or node: frames', () => {
    const run = capturedRun('buggy');
    expect(run.reportText).toMatch(/at [^"]*\/node_modules\/vitest\/dist\//);
    const test = allTests(buildTestReport(run)).find((t) => t.id.endsWith('returns the last, partial page'));
    expect(test?.failure?.message).toBe('RangeError: page 3 is outside 1..3');
    expect(test?.failure?.expected).toBeUndefined();
    expect(test?.failure?.frames).toEqual([
      { file: 'src/paginate.ts', line: 18, column: 11, fn: 'paginate' },
      { file: 'tests/paginate.test.ts', line: 28, column: 12 },
    ]);
  });

  it('reports a test file that does not compile, with the tests that did run', () => {
    const report = buildTestReport(capturedRun('compile-error'));
    expect(report.error?.kind).toBe('compile');
    expect(report.error?.message).toContain('tests/broken.spec.ts');
    expect(report.error?.message).toContain('PARSE_ERROR');
    expect(report.error?.message).not.toMatch(/\n|\u001b/);
    const broken = report.files.find((f) => f.file === 'tests/broken.spec.ts');
    expect(broken).toMatchObject({ status: 'failed', tests: [] });
    expect(broken?.error).toContain('Transform failed');
    expect(report.totals).toMatchObject({ files: 2, tests: 1, passed: 1 });
    expect(suitePasses(report)).toBe(false);
  });

  it('reports a runner that crashed before writing its report', () => {
    const run = capturedRun('crash');
    expect(run.reportText).toBe('');
    const report = buildTestReport(run);
    expect(report.error?.kind).toBe('crash');
    expect(report.error?.message).toMatch(/^vitest exited with code 1 before writing its results: failed to load config/);
    expect(report.error?.message).toContain('SyntaxError');
    expect(report.error?.message).not.toContain(run.workdir);
    expect(report.outputTail).toContain('Startup Error');
  });

  it('reports a project without test files', () => {
    const report = buildTestReport(capturedRun('no-tests'));
    expect(report.error).toEqual({ kind: 'no-tests', message: 'no test files found' });
    expect(report.totals.tests).toBe(0);
  });

  it('reports a run that was stopped for taking too long', () => {
    const report = buildTestReport({ ...capturedRun('buggy'), timedOut: true, timeoutMs: 5000, reportText: '' });
    expect(report.error?.kind).toBe('timeout');
    expect(report.error?.message).toMatch(/within 5 s.*3 of 3 test files had finished/);
  });

  it('reports an unreadable JSON report as bad output', () => {
    const run = capturedRun('buggy');
    const truncated = buildTestReport({ ...run, reportText: run.reportText!.slice(0, 200) });
    expect(truncated.error?.kind).toBe('bad-output');
    expect(truncated.error?.message).toMatch(/not JSON/);
    const wrongShape = buildTestReport({ ...run, reportText: JSON.stringify({ testResults: 'none' }) });
    expect(wrongShape.error).toMatchObject({ kind: 'bad-output' });
    expect(wrongShape.error?.message).toMatch(/not a test results file/);
  });

  it('reports errors raised outside any test as a crash, keeping the results', () => {
    const run = capturedRun('green');
    const stdout = run.stdout.replace(
      /"unhandled":\[\]/,
      `"unhandled":[${JSON.stringify('Error: sink closed\n    at flush (src/ingest.ts:40:5)')}]`,
    );
    const report = buildTestReport({ ...run, stdout, exitCode: 1, events: progressEvents(stdout) });
    expect(report.error).toEqual({ kind: 'crash', message: '1 unhandled error during the run: Error: sink closed' });
    expect(report.totals.passed).toBe(17);
  });

  it('does not take a failing exit code with all tests passed for green', () => {
    const report = buildTestReport({ ...capturedRun('green'), exitCode: 1 });
    expect(report.error?.kind).toBe('crash');
    expect(suitePasses(report)).toBe(false);
  });

  it('keeps the output tail without our progress lines or colours', () => {
    const report = buildTestReport(capturedRun('buggy'));
    expect(report.outputTail).toContain('Tests  5 failed | 18 passed (23)');
    expect(report.outputTail).not.toContain('@@recursive-improve@@');
    expect(report.outputTail).not.toMatch(/\u001b\[/);
  });
});

import type { TestCaseResult, TestReport, TestStatus } from '../../src/testing/report.ts';

/** A report with the given test statuses, ids `<file> > <name>`; for the pure decision tests. */
export function reportOf(
  tests: Record<string, TestStatus>,
  extra: { fileErrors?: Record<string, string>; error?: TestReport['error'] } = {},
): TestReport {
  const byFile = new Map<string, TestCaseResult[]>();
  for (const [id, status] of Object.entries(tests)) {
    const [file, ...names] = id.split(' > ') as [string, ...string[]];
    const test: TestCaseResult = {
      id,
      file,
      namePath: names,
      status,
      durationMs: 1,
      ...(status === 'failed'
        ? { failure: { message: `AssertionError: ${names.join(' ')} failed`, frames: [{ file: 'src/a.ts', line: 3 }] } }
        : {}),
    };
    byFile.set(file, [...(byFile.get(file) ?? []), test]);
  }
  for (const file of Object.keys(extra.fileErrors ?? {})) if (!byFile.has(file)) byFile.set(file, []);
  const all = [...byFile.values()].flat();
  const count = (s: TestStatus) => all.filter((t) => t.status === s).length;
  return {
    version: 1,
    runner: 'vitest',
    command: 'npx vitest run',
    sandbox: 'local',
    startedAt: '2026-01-01T00:00:00.000Z',
    wallMs: 100,
    totals: {
      files: byFile.size,
      tests: all.length,
      passed: count('passed'),
      failed: count('failed'),
      skipped: count('skipped'),
      flaky: 0,
    },
    files: [...byFile].map(([file, fileTests]) => {
      const error = extra.fileErrors?.[file];
      return {
        file,
        status: error || fileTests.some((t) => t.status === 'failed') ? ('failed' as const) : ('passed' as const),
        durationMs: 1,
        ...(error ? { error } : {}),
        tests: fileTests,
      };
    }),
    ...(extra.error ? { error: extra.error } : {}),
  };
}

import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalSandbox, type LocalSandbox } from '../../src/sandbox/local.ts';
import { allTests, suitePasses, TestReportSchema } from '../../src/testing/report.ts';
import { runTests, type TestProgress } from '../../src/testing/run-tests.ts';
import buggyFixes from '../fixtures/buggy-fixes.json' with { type: 'json' };

const repo = join(import.meta.dirname, '..', '..');
const sandboxes: LocalSandbox[] = [];
afterAll(() => Promise.all(sandboxes.map((s) => s.destroy())));

async function sandboxFor(project: string): Promise<LocalSandbox> {
  const sandbox = await createLocalSandbox({ projectDir: join(repo, project) });
  sandboxes.push(sandbox);
  return sandbox;
}

const failingIds = (report: Awaited<ReturnType<typeof runTests>>) =>
  allTests(report)
    .filter((t) => t.status === 'failed')
    .map((t) => t.id)
    .sort();

describe('runTests in a local sandbox', () => {
  it('runs a green project and reports progress per test file', async () => {
    const sandbox = await sandboxFor('examples/green');
    const progress: TestProgress[] = [];
    const report = await runTests(sandbox, { onProgress: (p) => progress.push(p) });
    expect(TestReportSchema.parse(report)).toEqual(report);
    expect(report.error).toBeUndefined();
    expect(report.totals).toEqual({ files: 2, tests: 17, passed: 17, failed: 0, skipped: 0, flaky: 0 });
    expect(suitePasses(report)).toBe(true);
    expect(report.runner).toBe('vitest');
    expect(report.sandbox).toBe(`local/${sandbox.isolation}`);
    expect(report.wallMs).toBeGreaterThan(0);
    expect(progress.map((p) => p.done)).toEqual([1, 2]);
    expect(progress.every((p) => p.total === 2 && p.failed === 0)).toBe(true);
    expect(progress.map((p) => p.file).sort()).toEqual(['tests/numbers.test.ts', 'tests/text.test.ts']);
    expect(progress.reduce((n, p) => n + p.passed, 0)).toBe(17);
  });

  it('names exactly the failing tests of the buggy example, and sees them pass once the known fixes are applied', async () => {
    const sandbox = await sandboxFor('examples/buggy');
    const report = await runTests(sandbox);
    expect(report.error).toBeUndefined();
    expect(failingIds(report)).toEqual(buggyFixes.fixes.flatMap((f) => f.fixesTests).sort());
    expect(report.totals).toMatchObject({ tests: 23, passed: 18, failed: 5 });
    const lastPage = allTests(report).find((t) => t.id.endsWith('returns the last, partial page'));
    expect(lastPage?.failure?.frames[0]).toMatchObject({ file: 'src/paginate.ts', line: 18, fn: 'paginate' });

    for (const fix of buggyFixes.fixes) {
      const source = await sandbox.readFile(fix.file);
      expect(source.split(fix.search)).toHaveLength(2);
      await sandbox.writeFile(fix.file, source.replace(fix.search, fix.replace));
    }
    const fixed = await runTests(sandbox);
    expect(fixed.totals).toMatchObject({ tests: 23, passed: 23, failed: 0 });
    expect(suitePasses(fixed)).toBe(true);
  });

  it('runs a given command instead of the detected one, still reading vitest results', async () => {
    const sandbox = await sandboxFor('examples/buggy');
    const report = await runTests(sandbox, { testCommand: 'vitest run tests/paginate.test.ts' });
    expect(report.files.map((f) => f.file)).toEqual(['tests/paginate.test.ts']);
    expect(report.totals).toMatchObject({ tests: 6, failed: 2 });
  });

  it('falls back to the declared runner when package.json has no test script, and survives a throwing progress listener', async () => {
    const sandbox = await sandboxFor('examples/green');
    await sandbox.writeFile('package.json', JSON.stringify({ name: 'no-script', type: 'module', devDependencies: { vitest: '*' } }));
    const report = await runTests(sandbox, {
      onProgress: () => {
        throw new Error('listener bug');
      },
    });
    expect(report.command).toMatch(/^vitest run /);
    expect(report.totals.passed).toBe(17);
  });

  it('shows how long each test took', async () => {
    const report = await runTests(await sandboxFor('examples/slow'));
    expect(suitePasses(report)).toBe(true);
    const [slowest, next] = allTests(report).sort((a, b) => b.durationMs - a.durationMs);
    expect(slowest?.namePath).toEqual(['uniqueVisitors', 'handles a day of traffic']);
    expect(slowest!.durationMs).toBeGreaterThan(10 * next!.durationMs);
  });

  it('tells a flaky test from a failing one by rerunning only the failures', async () => {
    const sandbox = await sandboxFor('tests/fixtures/projects/flaky');
    const report = await runTests(sandbox, { retries: 2 });
    expect(report.totals).toEqual({ files: 1, tests: 3, passed: 2, failed: 1, skipped: 0, flaky: 1 });
    expect(allTests(report).find((t) => t.flaky)?.namePath).toEqual(['passes from the second run on']);
    expect(failingIds(report)).toEqual(['tests/counter.spec.ts > always fails']);
    // Three runs of the counter test (first run, two reruns), none of the stable one beyond the first.
    expect(await sandbox.readFile('.flaky-runs')).toBe('2');
  });

  it('without retries, a flaky test counts as failed', async () => {
    const report = await runTests(await sandboxFor('tests/fixtures/projects/flaky'));
    expect(report.totals).toMatchObject({ failed: 2, flaky: 0 });
  });
});

describe('runTests on broken projects', () => {
  it('reports a test file that does not compile', async () => {
    const report = await runTests(await sandboxFor('tests/fixtures/projects/compile-error'));
    expect(report.error?.kind).toBe('compile');
    expect(report.error?.message).toContain('tests/broken.spec.ts');
    expect(report.totals).toMatchObject({ passed: 1, failed: 0 });
  });

  it('reports a runner that crashes before running anything', async () => {
    const report = await runTests(await sandboxFor('tests/fixtures/projects/crash'));
    expect(report.error?.kind).toBe('crash');
    expect(report.error?.message).toContain('failed to load config');
  });

  it('stops a hanging run at the time limit, and the sandbox stays usable', async () => {
    const sandbox = await sandboxFor('tests/fixtures/projects/hang');
    const started = Date.now();
    const report = await runTests(sandbox, { timeoutMs: 3000 });
    expect(report.error?.kind).toBe('timeout');
    expect(report.error?.message).toContain('within 3 s');
    expect(Date.now() - started).toBeLessThan(15_000);
    const after = await sandbox.executeCommand('echo still here');
    expect(after.stdout.trim()).toBe('still here');
  });

  it('reports output it cannot read from a command that is not vitest', async () => {
    const report = await runTests(await sandboxFor('tests/fixtures/projects/garbage'));
    expect(report.error?.kind).toBe('bad-output');
    expect(report.runner).toBe('unknown');
    expect(report.outputTail).toContain('binary-ish noise');
  });

  it('reports a project without tests', async () => {
    const report = await runTests(await sandboxFor('tests/fixtures/projects/no-tests'));
    expect(report.error).toEqual({ kind: 'no-tests', message: 'no test files found' });
  });

  it('turns a sandbox that fails into a report, not an exception', async () => {
    const sandbox = await sandboxFor('examples/green');
    await sandbox.destroy();
    const report = await runTests(sandbox);
    expect(report.error?.kind).toBe('sandbox');
    expect(report.error?.message).toMatch(/destroyed/);
  });
});

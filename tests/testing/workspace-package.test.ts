import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalSandbox, type LocalSandbox } from '../../src/sandbox/local.ts';
import { createRepairSuggester } from '../../src/suggest/repair/engine.ts';
import { checkProject } from '../../src/testing/preflight.ts';
import { allTests } from '../../src/testing/report.ts';
import { runTests } from '../../src/testing/run-tests.ts';

const MONOREPO = join(import.meta.dirname, '..', 'fixtures', 'projects', 'monorepo');
const sandboxes: LocalSandbox[] = [];
afterAll(() => Promise.all(sandboxes.map((s) => s.destroy())));

// A monorepo: the root's own test script fails, the api package has the tests, and the fault
// is in a sibling package the api imports.
describe('a workspace package of a monorepo (--project)', () => {
  it('is checked by its own package.json, and a path that is not a folder is refused', async () => {
    await expect(checkProject(MONOREPO, undefined, { project: 'packages/api' })).resolves.toBeUndefined();
    await expect(checkProject(MONOREPO, undefined, { project: 'packages/none' })).rejects.toMatchObject({
      category: 'input',
      message: `project packages/none is not a directory in ${MONOREPO}`,
    });
  });

  it('runs its tests where it sits, reports paths from the root, and repairs a fault in a sibling package', async () => {
    const sandbox = await createLocalSandbox({ projectDir: MONOREPO });
    sandboxes.push(sandbox);
    const report = await runTests(sandbox, { cwd: 'packages/api', retries: 1 });
    expect(report.error).toBeUndefined();
    expect(report.runner).toBe('vitest');
    expect(report.files.map((file) => file.file)).toEqual(['packages/api/tests/invoice.test.js']);
    const failing = allTests(report).filter((test) => test.status === 'failed');
    expect(failing.map((test) => test.namePath.at(-1)).sort()).toEqual([
      'adds up the lines in cents',
      'counts refunds as negative amounts',
      'keeps the sign of an amount',
    ]);
    expect(failing[0]!.failure!.frames.map((frame) => frame.file)).toContain('packages/api/tests/invoice.test.js');

    const [fix] = await createRepairSuggester({ timeBudgetMs: 240_000 }).suggest({
      sandbox,
      report,
      findings: [],
      rejected: [],
      project: 'packages/api',
    });
    expect(fix?.edits).toEqual([expect.objectContaining({ file: 'packages/money/src/cents.js' })]);
    expect(fix?.validated?.fixedTests).toHaveLength(3);
  }, 300_000);
});

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalSandbox } from '../../../src/sandbox/local.ts';
import type { Sandbox } from '../../../src/sandbox/types.ts';
import { perTestCoverage } from '../../../src/suggest/repair/coverage.ts';
import { ochiaiScores } from '../../../src/suggest/repair/localize/spectrum.ts';
import { HotRunner } from '../../../src/suggest/repair/validate/hot.ts';
import { measureBaseline } from '../../../src/suggest/repair/validate/validate.ts';
import type { CoverageResult } from '../../../src/testing/run-coverage.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/stats', import.meta.url));
const FILE = 'src/stats.ts';

describe('per-test coverage in a local sandbox', () => {
  let sandbox: Sandbox;
  let hot: HotRunner;
  let coverage: CoverageResult;

  beforeAll(async () => {
    sandbox = await createLocalSandbox({ projectDir: FIXTURE });
    hot = await HotRunner.start({ sandbox, batchSize: 2, perRunTimeoutMs: 5_000, coverage: true });
    coverage = perTestCoverage(hot);
  });
  afterAll(async () => {
    await hot?.close();
    await sandbox?.destroy();
  });

  const linesOf = (testId: string) => {
    if (!coverage.ok) throw new Error(coverage.reason);
    return coverage.tests.find((test) => test.testId === testId)?.lines[FILE];
  };

  it('records, per test, the source lines (of the .ts file) it executed', () => {
    expect(coverage.ok).toBe(true);
    // max([3, 9, 4]) runs the whole loop of max and nothing of sum.
    expect(linesOf('tests/max.spec.ts > max > finds the largest value')).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
    // max([]) throws at the guard: the loop never runs.
    expect(linesOf('tests/max.spec.ts > max > rejects an empty list')).toEqual([10, 11, 17]);
    // mean runs its own line and the whole of sum.
    expect(linesOf('tests/sum.spec.ts > mean > averages the values')).toEqual([1, 2, 3, 4, 5, 6, 7, 19, 20, 21]);
    // Test files are not sources.
    if (coverage.ok) for (const test of coverage.tests) expect(Object.keys(test.lines)).toEqual([FILE]);
  });

  it('marks which tests failed, and agrees with the baseline of validation', async () => {
    if (!coverage.ok) throw new Error(coverage.reason);
    const baseline = await measureBaseline(hot);
    const failing = coverage.tests.filter((test) => !test.passed).map((test) => test.testId);
    expect(failing.sort()).toEqual(baseline.failing.sort());
    expect(coverage.tests).toHaveLength(Object.keys(baseline.states).length);
  });

  it('leaves the runs of candidates without the profiler', async () => {
    const [outcome] = await hot.run([{ key: 'c', files: {}, specs: ['tests/max.spec.ts'] }]);
    expect(Object.keys(outcome!.states)).toHaveLength(4);
    expect(perTestCoverage(hot)).toEqual(coverage);
  });

  it('ranks the faulty line among the most suspicious with Ochiai', () => {
    if (!coverage.ok) throw new Error(coverage.reason);
    const scores = ochiaiScores(coverage.tests).get(FILE)!;
    const best = Math.max(...scores.values());
    expect(scores.get(14)).toBe(best);
    expect(scores.get(11)!).toBeLessThan(best);
    expect(scores.has(4)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { listCorpus } from '../../bench/lib/corpus.ts';
import { differences, runVariant, type VariantRuns } from '../../bench/runners/check-variant.ts';
import { reExpress, UnsupportedTestApi } from '../../bench/runners/re-express.ts';
import { BENCH_RUNNERS, vitestRunner } from '../../bench/runners/variants.ts';

const VITEST_FILE = `import { beforeAll, describe, expect, it } from 'vitest';
import { letter } from '../src/grades.ts';

describe('letter', () => {
  beforeAll(() => {});
  it.each([[90, 'A'], [80, 'B']])('%s -> %s', (score, grade) => {
    expect(letter(score)).toBe(grade);
  });
});
`;

describe('reExpress', () => {
  it("imports each runner's own API under vitest's names and leaves the tests' words alone", () => {
    const jest = reExpress(VITEST_FILE, 'jest');
    expect(jest).toContain("import { beforeAll, describe, expect, it } from '@jest/globals';");
    expect(jest).toContain("it.each([[90, 'A'], [80, 'B']])('%s -> %s'");
    const mocha = reExpress(VITEST_FILE, 'mocha');
    expect(mocha).toContain("import { before as beforeAll, describe, it } from 'mocha';");
    expect(mocha).toContain("import { expect } from 'expect';");
    expect(mocha).toContain("each(it)([[90, 'A'], [80, 'B']])('%s -> %s'");
    expect(reExpress(VITEST_FILE, 'node-test')).toContain("import { before as beforeAll, describe, it } from 'node:test';");
    const body = (text: string) => text.slice(text.indexOf('import { letter }'));
    expect(body(jest)).toBe(body(VITEST_FILE));
    expect(body(mocha)).toBe(body(VITEST_FILE).replace('it.each(', 'each(it)('));
  });

  it('refuses, with the reason, what a runner cannot say the same way', () => {
    const mocking = VITEST_FILE.replace("from 'vitest'", "from 'vitest';\nconst spy = vi.fn();\n//");
    expect(() => reExpress(mocking, 'jest')).toThrow(
      new UnsupportedTestApi('uses vi (mocks, spies or fake timers): no equivalent in the same words'),
    );
    expect(() => reExpress(VITEST_FILE.replace('it.each', 'it.concurrent.each'), 'mocha')).toThrow(
      /\.concurrent, which mocha does not have/,
    );
    expect(() =>
      reExpress(VITEST_FILE.replace("it.each([[90, 'A'], [80, 'B']])('%s -> %s', (score, grade)", "it('x', (context)"), 'node-test'),
    ).toThrow(/test context/);
    expect(() => reExpress("import { vi } from 'vitest';\n", 'jest')).toThrow(/imports vi from vitest/);
  });
});

// The real runners in a local sandbox: a TypeScript program with it.each and toThrow(RangeError),
// and a plain JavaScript one with async tests, .rejects and a missing await.
describe.each(['02-grade-bands', '42-account-transfer'])('the re-expressed %s', (id) => {
  let reference: VariantRuns;

  it('fails on the bug and passes with the fix under vitest, visible and held out', { timeout: 180_000 }, async () => {
    const [program] = await listCorpus([id.slice(0, 2)]);
    const runs = await runVariant(vitestRunner, program!);
    if ('unsupported' in runs) throw new Error(runs.unsupported);
    reference = runs;
    expect(Object.values(runs['buggy tests'].tests)).toContain('failed');
    expect(Object.values(runs['buggy heldout'].tests)).toContain('failed');
    for (const key of ['fixed tests', 'fixed heldout'] as const) {
      expect(Object.values(runs[key].tests).every((outcome) => outcome === 'passed')).toBe(true);
    }
  });

  it.each(BENCH_RUNNERS.filter((runner) => runner !== vitestRunner).map((runner) => [runner.name, runner] as const))(
    'gives the same tests the same outcomes under %s',
    { timeout: 180_000 },
    async (_name, runner) => {
      const [program] = await listCorpus([id.slice(0, 2)]);
      const runs = await runVariant(runner, program!);
      if ('unsupported' in runs) throw new Error(runs.unsupported);
      expect(Object.keys(runs['fixed heldout'].tests).length).toBeGreaterThan(0);
      expect(differences(reference, runs)).toEqual([]);
    },
  );
});

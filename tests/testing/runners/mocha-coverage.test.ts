import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalSandbox, type LocalSandbox } from '../../../src/sandbox/local.ts';
import { collectTestCoverage } from '../../../src/testing/run-coverage.ts';
import type { TestCoverage } from '../../../src/testing/test-coverage.ts';

const projects = join(import.meta.dirname, '..', '..', 'fixtures', 'projects');
const sandboxes: LocalSandbox[] = [];
afterAll(() => Promise.all(sandboxes.map((s) => s.destroy())));

async function coverageOf(project: string): Promise<TestCoverage[]> {
  const sandbox = await createLocalSandbox({ projectDir: join(projects, project) });
  sandboxes.push(sandbox);
  const result = await collectTestCoverage(sandbox, 'mocha');
  if (!result.ok) throw new Error(result.reason);
  return result.tests;
}

/** The 1-based line of `text` in a fixture's source file. */
function lineOf(project: string, file: string, text: string): number {
  const index = readFileSync(join(projects, project, file), 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(text));
  expect(index).toBeGreaterThanOrEqual(0);
  return index + 1;
}

const coverageFor = (tests: TestCoverage[], testId: string) => tests.find((t) => t.testId === testId);

/** Mocha root hooks (mocha 8 on) take each test's lines around it, in the process running the tests. */
describe('per-test coverage of mocha projects', () => {
  it('records the lines of the sources each CommonJS test ran, and whether it passed', async () => {
    const tests = await coverageOf('mocha-cjs');
    const line = (text: string) => lineOf('mocha-cjs', 'src/cart.js', text);
    const adds = coverageFor(tests, 'test/cart.spec.js > cart > adds an item with no quantity yet');
    expect(adds?.passed).toBe(false);
    expect(adds?.lines['src/cart.js']).toEqual(
      expect.arrayContaining([line('function addItem('), line('if (item.quantity < 0)'), line('throw new RangeError')]),
    );
    // The line after the throw never ran, nor did the other functions.
    expect(adds?.lines['src/cart.js']).not.toContain(line('return items.concat'));
    expect(adds?.lines['src/cart.js']).not.toContain(line('const discounted ='));

    const discount = coverageFor(tests, 'test/cart.spec.js > cart > applies a discount');
    expect(discount?.passed).toBe(false);
    expect(discount?.lines['src/cart.js']).toContain(line('const discounted ='));
    expect(discount?.lines['src/cart.js']).not.toContain(line('throw new RangeError'));

    const empty = coverageFor(tests, 'test/nested/totals.spec.js > totals > is zero for an empty cart');
    expect(empty?.passed).toBe(true);
    expect(empty?.lines['src/cart.js']).toContain(line('return items.reduce'));
    // Only the project's own modules, never the test's own support files nor node_modules.
    expect(Object.keys(empty?.lines ?? {}).every((file) => !file.startsWith('.improve/') && !file.includes('node_modules'))).toBe(true);
    // A skipped test ran nothing.
    expect(coverageFor(tests, 'test/cart.spec.js > cart > prints a receipt')).toBeUndefined();
  });

  it('records lines at the positions of TypeScript sources run through type stripping', async () => {
    const tests = await coverageOf('mocha-ts');
    const zero = coverageFor(tests, 'test/money.spec.ts > convert > refuses a zero rate');
    expect(zero?.passed).toBe(false);
    expect(zero?.lines['src/money.ts']).toEqual(
      expect.arrayContaining([
        lineOf('mocha-ts', 'src/money.ts', 'if (rate <= 0)'),
        lineOf('mocha-ts', 'src/money.ts', 'throw new RangeError'),
      ]),
    );
    const one = coverageFor(tests, 'test/money.spec.ts > convert > keeps the amount at rate 1');
    expect(one?.lines['src/money.ts']).toContain(lineOf('mocha-ts', 'src/money.ts', 'return { cents: Math.floor'));
    expect(one?.lines['src/money.ts']).not.toContain(lineOf('mocha-ts', 'src/money.ts', 'throw new RangeError'));
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalSandbox, type LocalSandbox } from '../../../src/sandbox/local.ts';
import { type CoverageResult, collectTestCoverage } from '../../../src/testing/run-coverage.ts';
import type { TestCoverage } from '../../../src/testing/test-coverage.ts';

const projects = join(import.meta.dirname, '..', '..', 'fixtures', 'projects');
const sandboxes: LocalSandbox[] = [];
afterAll(() => Promise.all(sandboxes.map((s) => s.destroy())));

async function coverageOf(project: string): Promise<TestCoverage[]> {
  const sandbox = await createLocalSandbox({ projectDir: join(projects, project) });
  sandboxes.push(sandbox);
  const result: CoverageResult = await collectTestCoverage(sandbox, 'jest');
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

const linesIn = (tests: TestCoverage[], testId: string, file: string) => tests.find((t) => t.testId === testId)?.lines[file];

/**
 * Jest runs code babel-jest or ts-jest transformed; what each test executed must come back as
 * lines of the source, per test, with the project's own setup files still loaded.
 */
describe('per-test coverage of jest projects', () => {
  it('maps the lines babel-jest ran back to the JavaScript source, test by test, keeping the project setup file', async () => {
    const tests = await coverageOf('jest-cjs');
    const cart = (id: string) => linesIn(tests, `tests/cart.test.js > ${id}`, 'src/cart.js');
    const loopBody = lineOf('jest-cjs', 'src/cart.js', 'sum += item.price');
    expect(cart('cart > total > counts the quantity of each item')).toContain(loopBody);
    const around = ['let sum = 0;', 'return sum;'].map((text) => lineOf('jest-cjs', 'src/cart.js', text));
    expect(cart('cart > total > is zero for an empty cart')).toEqual(expect.arrayContaining(around));
    expect(cart('cart > total > is zero for an empty cart')).not.toContain(loopBody);
    const label = lineOf('jest-cjs', 'src/cart.js', 'function label(');
    expect(cart('cart > labels an item without a name')).toEqual([label, label + 1, label + 2]);
    // This test uses a matcher from the project's setupFilesAfterEnv: it passes only if that still loads.
    expect(tests.find((t) => t.testId === 'tests/discount.test.js > waits for the current rates')).toMatchObject({ passed: true });
    expect(tests.find((t) => t.testId === 'tests/cart.test.js > cart > labels an item without a name')).toMatchObject({ passed: false });
    expect(
      tests
        .filter((t) => !t.passed)
        .map((t) => t.testId.split(' > ').at(-1))
        .sort(),
    ).toEqual([
      'counts the quantity of each item',
      'discount rounds in favour of the customer',
      'labels an item without a name',
      'lists every line with its cost',
    ]);
  });

  it('maps TypeScript compiled by babel-jest to the lines of the .ts source', async () => {
    const tests = await coverageOf('jest-babel');
    const lines = linesIn(tests, 'tests/invoice.test.ts > invoiceTotal > charges the full price without a code', 'src/invoice.ts');
    const buggy = lineOf('jest-babel', 'src/invoice.ts', 'discountCode!.toUpperCase()');
    // Twelve lines of types precede the function: unmapped, its lines would be numbered from 5 or so.
    expect(lines).toContain(buggy);
    expect(lines?.every((line) => line >= lineOf('jest-babel', 'src/invoice.ts', 'export function invoiceTotal'))).toBe(true);
  });

  it('maps TypeScript compiled by ts-jest to the lines of the .ts source', { timeout: 180_000 }, async () => {
    const tests = await coverageOf('jest-ts');
    const lines = linesIn(tests, 'tests/invoice.test.ts > invoiceTotal > charges the full price without a code', 'src/invoice.ts');
    expect(lines).toContain(lineOf('jest-ts', 'src/invoice.ts', 'discountCode!.toUpperCase()'));
    expect(lines?.every((line) => line >= lineOf('jest-ts', 'src/invoice.ts', 'export function invoiceTotal'))).toBe(true);
  });

  it('takes the lines of native ES modules jest ran untransformed as they are', async () => {
    const tests = await coverageOf('jest-esm');
    const lines = linesIn(tests, 'tests/slug.test.js > takes the title of a post without metadata', 'src/slug.js');
    expect(lines).toEqual([lineOf('jest-esm', 'src/slug.js', 'post.meta.title'), lineOf('jest-esm', 'src/slug.js', 'post.meta.title') + 1]);
    const taken = linesIn(tests, 'tests/slug.test.js > numbers a slug already taken', 'src/slug.js');
    expect(taken).toContain(lineOf('jest-esm', 'src/slug.js', 'if (!taken.has('));
    expect(taken).not.toContain(lineOf('jest-esm', 'src/slug.js', 'post.meta.title'));
  });
});

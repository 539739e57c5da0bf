import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalSandbox, type LocalSandbox } from '../../../src/sandbox/local.ts';
import { allTests, type TestReport, TestReportSchema } from '../../../src/testing/report.ts';
import { runTests, type TestProgress } from '../../../src/testing/run-tests.ts';

const projects = join(import.meta.dirname, '..', '..', 'fixtures', 'projects');
const sandboxes: LocalSandbox[] = [];
afterAll(() => Promise.all(sandboxes.map((s) => s.destroy())));

async function sandboxFor(project: string): Promise<LocalSandbox> {
  const sandbox = await createLocalSandbox({ projectDir: join(projects, project) });
  sandboxes.push(sandbox);
  return sandbox;
}

const testNamed = (report: TestReport, title: string) => allTests(report).find((t) => t.namePath.at(-1) === title);

/** The 1-based line of `text` in a fixture's source file: where a frame must point. */
function lineOf(project: string, file: string, text: string): number {
  const lines = readFileSync(join(projects, project, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  expect(index).toBeGreaterThanOrEqual(0);
  return index + 1;
}

describe('jest projects in a local sandbox', () => {
  it('reads every test of a CommonJS project whose rootDir is not the project root, with progress per file', async () => {
    const progress: TestProgress[] = [];
    const report = await runTests(await sandboxFor('jest-cjs'), { onProgress: (p) => progress.push(p) });
    expect(TestReportSchema.parse(report)).toEqual(report);
    expect(report.error).toBeUndefined();
    expect(report.runner).toBe('jest');
    expect(report.command).toMatch(
      /^jest --ci --watchAll=false --coverage=false --reporters=default --reporters=\/\S+\/\.improve\/jest-reporter\.cjs$/,
    );
    expect(report.totals).toEqual({ files: 2, tests: 9, passed: 3, failed: 4, skipped: 2, flaky: 0 });
    expect(report.files.map((f) => [f.file, f.status])).toEqual([
      ['tests/cart.test.js', 'failed'],
      ['tests/discount.test.js', 'passed'],
    ]);
    expect(allTests(report).map((t) => [t.namePath.join(' > '), t.status])).toEqual([
      ['cart > total > is zero for an empty cart', 'passed'],
      ['cart > total > counts the quantity of each item', 'failed'],
      ['cart > lists every line with its cost', 'failed'],
      ['cart > labels an item without a name', 'failed'],
      ['cart > applies vouchers', 'skipped'],
      ['cart > charges shipping', 'todo'],
      ['discount rounds in favour of the customer', 'failed'],
      ['refuses a negative percentage', 'passed'],
      ['waits for the current rates', 'passed'],
    ]);

    expect(testNamed(report, 'waits for the current rates')!.durationMs).toBeGreaterThanOrEqual(290);
    expect(report.files[1]!.durationMs).toBeGreaterThanOrEqual(290);

    expect(testNamed(report, 'counts the quantity of each item')?.failure).toEqual({
      message: 'Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 600\nReceived: 350',
      expected: '600',
      actual: '350',
      frames: [{ file: 'tests/cart.test.js', line: 10, column: 81, fn: 'Object.<anonymous>' }],
    });
    const lines = testNamed(report, 'lists every line with its cost')?.failure;
    expect([lines?.expected, lines?.actual]).toEqual([
      '[\n  {\n    "cost": 12,\n    "name": "tea",\n  },\n]',
      '[\n  {\n    "cost": 3,\n    "name": "tea",\n  },\n]',
    ]);
    const label = testNamed(report, 'labels an item without a name')?.failure;
    expect(label?.message).toBe("TypeError: Cannot read properties of undefined (reading 'trim')");
    expect(label?.expected).toBeUndefined();
    expect(label?.frames).toEqual([
      { file: 'src/cart.js', line: lineOf('jest-cjs', 'src/cart.js', 'item.name.trim()'), column: 20, fn: 'label' },
      {
        file: 'tests/cart.test.js',
        line: lineOf('jest-cjs', 'tests/cart.test.js', 'label({ quantity: 2 })'),
        column: 12,
        fn: 'Object.<anonymous>',
      },
    ]);

    expect(progress.map((p) => [p.file, p.passed, p.failed, p.done, p.total]).sort()).toEqual([
      ['tests/cart.test.js', 1, 4, expect.any(Number), 2],
      ['tests/discount.test.js', 2, 0, expect.any(Number), 2],
    ]);
    expect(progress.map((p) => p.done)).toEqual([1, 2]);
  });

  it('reports test files that do not load, and an error outside any test', async () => {
    const sandbox = await sandboxFor('jest-broken');
    const report = await runTests(sandbox);
    expect(report.error?.kind).toBe('compile');
    expect(report.error?.message).toMatch(/^2 test files failed to load: tests\/config\.test\.js \(Error: config: locale is not set/);
    expect(report.error?.message).toContain('tests/syntax.test.js (SyntaxError: tests/syntax.test.js: Unexpected token (3:0)');
    const files = Object.fromEntries(report.files.map((f) => [f.file, f]));
    expect(files['tests/config.test.js']).toMatchObject({ status: 'failed', tests: [] });
    expect(files['tests/config.test.js']?.error).toMatch(/^Error: config: locale is not set\n\s+at .*\/src\/config\.js:4:9\)/);
    expect(files['tests/syntax.test.js']).toMatchObject({ status: 'failed', tests: [] });
    // The real error, not jest's advice on transforms printed before it.
    expect(files['tests/syntax.test.js']?.error).toMatch(/^SyntaxError: .*tests\/syntax\.test\.js: Unexpected token \(3:0\)/);
    expect(files['tests/after.test.js']?.error).toMatch(/^Error: teardown failed/);
    expect(files['tests/after.test.js']?.tests.map((t) => t.status)).toEqual(['passed']);
    expect(files['tests/fine.test.js']).toMatchObject({ status: 'passed', tests: [{ status: 'passed' }] });
    expect(files['tests/fine.test.js']?.error).toBeUndefined();

    const hookOnly = await runTests(sandbox, { testCommand: 'jest tests/after' });
    expect(hookOnly.error).toEqual({
      kind: 'crash',
      message: expect.stringMatching(/^error outside any test in tests\/after\.test\.js \(Error: teardown failed/),
    });
    expect(hookOnly.totals).toMatchObject({ files: 1, passed: 1, failed: 0 });
  });

  it('marks a test jest retried into passing as flaky, and reruns only the failures to find the others', async () => {
    const sandbox = await sandboxFor('jest-flaky');
    const report = await runTests(sandbox, { retries: 2 });
    expect(report.error).toBeUndefined();
    expect(report.totals).toEqual({ files: 2, tests: 4, passed: 3, failed: 1, skipped: 0, flaky: 2 });
    expect(
      allTests(report)
        .filter((t) => t.flaky)
        .map((t) => t.namePath.join(' > '))
        .sort(),
    ).toEqual(['passes from the second run on', 'passes on its second attempt']);
    const failing = allTests(report).filter((t) => t.status === 'failed');
    expect(failing.map((t) => t.id)).toEqual(['tests/counter.test.js > always fails']);
    expect(failing[0]?.failure?.expected).toBe('{\n  "colour": "green",\n  "sizes": [\n    1,\n    2,\n  ],\n}');
    // The first run and one rerun of the counter test: the second rerun named only the test that always fails.
    expect(await sandbox.readFile('.flaky-runs')).toBe('2');
  });

  it('without reruns, only the test jest retried itself is flaky', async () => {
    const report = await runTests(await sandboxFor('jest-flaky'));
    expect(report.totals).toMatchObject({ passed: 2, failed: 2, flaky: 1 });
    expect(testNamed(report, 'passes on its second attempt')?.flaky).toBe(true);
  });
});

/**
 * Jest runs transformed code; its stacks must still name the line of the source. The TypeScript
 * fixtures have twelve lines of types above the buggy line, which a transform without a source map
 * would shift.
 */
describe('failure frames point at the source jest transformed', () => {
  const buggyFrame = (report: TestReport) => testNamed(report, 'charges the full price without a code')?.failure?.frames;

  // ts-jest type-checks every file it compiles: a cold cache takes a while on a busy machine.
  it('through ts-jest', { timeout: 120_000 }, async () => {
    const report = await runTests(await sandboxFor('jest-ts'));
    expect(report.totals).toMatchObject({ passed: 1, failed: 1 });
    expect(buggyFrame(report)).toEqual([
      { file: 'src/invoice.ts', line: lineOf('jest-ts', 'src/invoice.ts', 'discountCode!.toUpperCase()'), column: 51, fn: 'invoiceTotal' },
      {
        file: 'tests/invoice.test.ts',
        line: lineOf('jest-ts', 'tests/invoice.test.ts', 'invoiceTotal(invoice())'),
        column: 24,
        fn: 'Object.<anonymous>',
      },
    ]);
  });

  it('through babel-jest, in a project with no test script but a jest key in package.json', async () => {
    const report = await runTests(await sandboxFor('jest-babel'));
    expect(report.command).toMatch(/^jest --ci /);
    expect(report.totals).toMatchObject({ passed: 1, failed: 1 });
    expect(buggyFrame(report)?.[0]).toEqual({
      file: 'src/invoice.ts',
      line: lineOf('jest-babel', 'src/invoice.ts', 'discountCode!.toUpperCase()'),
      column: 51,
      fn: 'invoiceTotal',
    });
  });

  it('in native ES modules, run with --experimental-vm-modules as such projects do', async () => {
    const report = await runTests(await sandboxFor('jest-esm'));
    expect(report.command).toMatch(/^NODE_OPTIONS=--experimental-vm-modules jest --ci /);
    expect(report.error).toBeUndefined();
    expect(report.totals).toMatchObject({ tests: 4, passed: 2, failed: 2 });
    expect(testNamed(report, 'takes the title of a post without metadata')?.failure?.frames).toEqual([
      { file: 'src/slug.js', line: lineOf('jest-esm', 'src/slug.js', 'post.meta.title'), column: 28, fn: 'slugOf' },
      { file: 'tests/slug.test.js', line: lineOf('jest-esm', 'tests/slug.test.js', 'slugOf({'), column: 10, fn: 'Object.<anonymous>' },
    ]);
    expect(testNamed(report, 'drops words made only of punctuation')?.failure).toMatchObject({
      expected: '"tea-cakes"',
      actual: '"tea--cakes"',
    });
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalSandbox, type LocalSandbox } from '../../../src/sandbox/local.ts';
import { allTests, type TestCaseResult, type TestReport, TestReportSchema } from '../../../src/testing/report.ts';
import { collectTestCoverage } from '../../../src/testing/run-coverage.ts';
import { runTests, type TestProgress } from '../../../src/testing/run-tests.ts';

const projects = join(import.meta.dirname, '..', '..', 'fixtures', 'projects');
const sandboxes: LocalSandbox[] = [];
afterAll(() => Promise.all(sandboxes.map((s) => s.destroy())));

async function sandboxFor(project: string): Promise<LocalSandbox> {
  const sandbox = await createLocalSandbox({ projectDir: join(projects, project) });
  sandboxes.push(sandbox);
  return sandbox;
}

function testNamed(report: TestReport, ...namePath: string[]): TestCaseResult {
  const found = allTests(report).find((t) => t.namePath.join(' > ') === namePath.join(' > '));
  if (!found) throw new Error(`no test ${namePath.join(' > ')} in ${allTests(report).map((t) => t.id)}`);
  return found;
}

/** The 1-based line of `text` in a fixture's source file: where a frame must point. */
function lineOf(project: string, file: string, text: string): number {
  const lines = readFileSync(join(projects, project, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  expect(index).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/**
 * The two Nodes every run is proven on: the repository's Node 24 (node_modules/.bin/node, first on a
 * sandbox's PATH for these fixtures, which borrow the repository's node_modules) and the machine's
 * own node (Node 20 here), by its absolute path; node:test's events differ between them.
 */
const machinePath = (process.env.PATH ?? '')
  .split(':')
  .filter((dir) => !dir.includes('node_modules'))
  .join(':');
const machineNode = execFileSync('bash', ['-c', 'command -v node'], { env: { PATH: machinePath }, encoding: 'utf8' }).trim();
const NODES = [
  { name: "the repository's node", node: 'node' },
  { name: "the machine's node", node: machineNode },
];

it('the runs below are on two Node majors', async () => {
  const sandbox = await sandboxFor('node-test-esm');
  const majors = await Promise.all(
    NODES.map(async ({ node }) => (await sandbox.executeCommand(node, ['--version'])).stdout.trim().replace(/\..*/, '')),
  );
  expect(majors[0]).toBe('v24');
  expect(new Set(majors).size).toBe(2);
});

describe.each(NODES)('node:test projects run by $name', ({ node }) => {
  it('reads every test of an ES module project: full names, statuses, durations, failures and progress', async () => {
    const sandbox = await sandboxFor('node-test-esm');
    const progress: TestProgress[] = [];
    const report = await runTests(sandbox, { testCommand: `${node} --test`, onProgress: (p) => progress.push(p) });
    expect(TestReportSchema.parse(report)).toEqual(report);
    expect(report.error).toBeUndefined();
    expect(report.runner).toBe('node-test');
    expect(report.command).toBe(
      `${node} --test-reporter=${sandbox.workdir}/.improve/node-test-reporter.mjs --test-reporter-destination=stdout --test-reporter=spec --test-reporter-destination=stderr --test`,
    );
    expect(report.totals).toEqual({ files: 2, tests: 11, passed: 4, failed: 5, skipped: 2, flaky: 0 });
    expect(report.files.map((f) => [f.file, f.status])).toEqual([
      ['test/cart.test.js', 'failed'],
      ['test/discount.test.js', 'passed'],
    ]);
    expect(allTests(report).map((t) => [t.namePath.join(' > '), t.status])).toEqual([
      ['cart > total > is zero for an empty cart', 'passed'],
      ['cart > total > counts the quantity of each item', 'failed'],
      ['cart > lists every line with its cost', 'failed'],
      ['cart > labels an item without a name', 'failed'],
      ['cart > applies vouchers', 'skipped'],
      ['cart > charges shipping', 'todo'],
      ['discount rounds in favour of the customer', 'failed'],
      ['checks out > one item', 'passed'],
      ['checks out > two of an item', 'failed'],
      ['refuses a negative percentage', 'passed'],
      ['waits for the current rates', 'passed'],
    ]);

    expect(testNamed(report, 'waits for the current rates').durationMs).toBeGreaterThanOrEqual(290);
    expect(report.files[1]!.durationMs).toBeGreaterThanOrEqual(290);

    expect(testNamed(report, 'cart', 'total', 'counts the quantity of each item').failure).toEqual({
      message: 'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n350 !== 600',
      expected: '600',
      actual: '350',
      frames: [{ file: 'test/cart.test.js', line: 12, column: 14, fn: 'TestContext.<anonymous>' }],
    });
    expect(testNamed(report, 'cart', 'lists every line with its cost').failure).toMatchObject({
      expected: "[ { name: 'tea', cost: 12 } ]",
      actual: "[ { name: 'tea', cost: 3 } ]",
    });
    const label = testNamed(report, 'cart', 'labels an item without a name').failure;
    expect(label?.message).toBe("TypeError: Cannot read properties of undefined (reading 'trim')");
    expect(label?.expected).toBeUndefined();
    expect(label?.frames).toEqual([
      { file: 'src/cart.js', line: lineOf('node-test-esm', 'src/cart.js', 'item.name.trim()'), column: 20, fn: 'label' },
      {
        file: 'test/cart.test.js',
        line: lineOf('node-test-esm', 'test/cart.test.js', 'label({ quantity: 2 })'),
        column: 18,
        fn: 'TestContext.<anonymous>',
      },
    ]);
    expect(testNamed(report, 'checks out', 'two of an item').failure).toMatchObject({ expected: '10', actual: '5' });

    expect(progress.map((p) => [p.file, p.passed, p.failed, p.done, p.total])).toEqual([
      ['test/cart.test.js', 2, 5, 1, 2],
      ['test/discount.test.js', 2, 0, 2, 2],
    ]);
  });

  it("reads a CommonJS project's frames, its own reporter and coverage dropped", async () => {
    const sandbox = await sandboxFor('node-test-cjs');
    const report = await runTests(sandbox, {
      testCommand: `${node} --test --test-reporter dot --test-concurrency=1 --experimental-test-coverage`,
    });
    expect(report.command).toMatch(/ --test --test-concurrency=1$/);
    expect(report.error).toBeUndefined();
    expect(report.totals).toMatchObject({ tests: 3, passed: 1, failed: 2 });
    expect(testNamed(report, 'slugOf', 'takes the title of a post without metadata').failure?.frames).toEqual([
      { file: 'src/slug.js', line: lineOf('node-test-cjs', 'src/slug.js', 'post.meta.title'), column: 27, fn: 'slugOf' },
      {
        file: 'test/slug.test.js',
        line: lineOf('node-test-cjs', 'test/slug.test.js', "slugOf({ title: 'Scones' })"),
        column: 18,
        fn: 'TestContext.<anonymous>',
      },
    ]);
    expect(testNamed(report, 'slugOf', 'drops words made only of punctuation').failure).toMatchObject({
      expected: "'tea-cakes'",
      actual: "'tea---cakes'",
    });
  });

  it('reports test files that do not load, and an error raised outside any test', async () => {
    const sandbox = await sandboxFor('node-test-broken');
    const report = await runTests(sandbox, { testCommand: `${node} --test` });
    expect(report.error?.kind).toBe('compile');
    expect(report.error?.message).toMatch(/^2 test files failed to load: test\/config\.test\.js \(Error: config: locale is not set/);
    expect(report.error?.message).toContain("test/syntax.test.js (SyntaxError: Unexpected token ')'");
    const files = Object.fromEntries(report.files.map((f) => [f.file, f]));
    expect(files['test/config.test.js']).toMatchObject({ status: 'failed', tests: [] });
    expect(files['test/config.test.js']?.error).toMatch(/^Error: config: locale is not set\n\s+at file:\/\/\/\S+\/src\/config\.js:4:9\n/);
    expect(files['test/syntax.test.js']).toMatchObject({ status: 'failed', tests: [] });
    // Where Node showed the syntax error, as the first frame: its stack has only Node's own.
    const syntaxLine =
      1 +
      readFileSync(join(projects, 'node-test-broken', 'test/syntax.test.js'), 'utf8')
        .split('\n')
        .indexOf(');');
    expect(files['test/syntax.test.js']?.error).toMatch(
      new RegExp(`^SyntaxError: Unexpected token '\\)'\\n\\s+at file:///\\S+/test/syntax\\.test\\.js:${syntaxLine}:1\\n`),
    );
    expect(files['test/leak.test.js']?.error).toMatch(
      /^Error: Test "schedules a reminder" at \S+ generated asynchronous activity after the test ended/,
    );
    expect(files['test/leak.test.js']?.error).toContain('reminder fired after its test');
    expect(files['test/leak.test.js']?.tests.map((t) => t.status)).toEqual(['passed', 'passed']);
    // Node cancels the tests of a block whose `before` hook failed: they fail of the hook's error.
    const hooks = files['test/hooks.test.js']?.tests;
    expect(hooks?.map((t) => [t.namePath.join(' > '), t.status])).toEqual([
      ['with a database > reads a row', 'failed'],
      ['answers in time', 'failed'],
    ]);
    expect(hooks?.[0]?.failure).toMatchObject({
      message: 'Error: database is down',
      frames: [{ file: 'test/hooks.test.js', line: 6, column: 11, fn: 'SuiteContext.<anonymous>' }],
    });
    // A time-out has no stack: the test's own place stands for it.
    expect(hooks?.[1]?.failure).toMatchObject({
      message: 'test timed out after 50ms',
      frames: [{ file: 'test/hooks.test.js', line: lineOf('node-test-broken', 'test/hooks.test.js', "test('answers in time'"), column: 1 }],
    });
    expect(files['test/fine.test.js']).toMatchObject({ status: 'passed', tests: [{ status: 'passed' }] });
    expect(files['test/fine.test.js']?.error).toBeUndefined();

    const leakOnly = await runTests(sandbox, { testCommand: `${node} --test test/leak.test.js` });
    expect(leakOnly.error).toEqual({
      kind: 'crash',
      message: expect.stringMatching(/^error outside any test in test\/leak\.test\.js \(Error: Test "schedules a reminder"/),
    });
    expect(leakOnly.totals).toMatchObject({ files: 1, passed: 2, failed: 0 });
  });

  it('reruns the failing tests by name to tell flaky ones, subtests of a test included', async () => {
    const sandbox = await sandboxFor('node-test-flaky');
    const report = await runTests(sandbox, { testCommand: `${node} --test`, retries: 2 });
    expect(report.error).toBeUndefined();
    expect(report.totals).toEqual({ files: 2, tests: 6, passed: 5, failed: 1, skipped: 0, flaky: 3 });
    expect(
      allTests(report)
        .filter((t) => t.flaky)
        .map((t) => t.namePath.join(' > '))
        .sort(),
    ).toEqual(['checkout > retries the payment', 'passes from the second run on', 'session > renews the token']);
    const failing = allTests(report).filter((t) => t.status === 'failed');
    expect(failing.map((t) => t.id)).toEqual(['test/counter.test.js > always fails']);
    // Thrown by the expect package, whose error keeps the values in its matcherResult.
    expect(failing[0]?.failure).toMatchObject({
      expected: "{ colour: 'green', sizes: [ 1, 2 ] }",
      actual: "{ colour: 'red', sizes: [ 1, 2 ] }",
    });
    // The first run and one rerun: the second rerun named only the test that always fails.
    for (const counter of ['.flaky-runs', '.payment-runs', '.token-runs']) expect(await sandbox.readFile(counter)).toBe('2');
  });

  it("takes each test's coverage through an --import of hooks, subtests included", async () => {
    const sandbox = await sandboxFor('node-test-esm');
    const coverage = await collectTestCoverage(sandbox, 'node-test', { testCommand: `${node} --test` });
    if (!coverage.ok) throw new Error(coverage.reason);
    const of = (id: string) => coverage.tests.find((t) => t.testId === id);
    const totalBody = [2, 3, 4, 5, 6];
    const counting = of('test/cart.test.js > cart > total > counts the quantity of each item');
    expect(counting?.passed).toBe(false);
    expect(counting?.lines['src/cart.js']).toEqual(expect.arrayContaining(totalBody));
    expect(counting?.lines['src/cart.js']).not.toContain(lineOf('node-test-esm', 'src/cart.js', 'item.name.trim()'));
    expect(of('test/cart.test.js > checks out > two of an item')).toMatchObject({ passed: false });
    expect(of('test/cart.test.js > checks out > two of an item')?.lines['src/cart.js']).toEqual(expect.arrayContaining(totalBody));
    const refusing = of('test/discount.test.js > refuses a negative percentage');
    expect(refusing?.passed).toBe(true);
    expect(refusing?.lines['src/cart.js']).toContain(
      lineOf('node-test-esm', 'src/cart.js', "throw new RangeError('percent out of range')"),
    );
    expect(refusing?.lines['src/cart.js']).not.toEqual(expect.arrayContaining(totalBody));
  });
});

describe("node:test projects on the repository's node: as package.json runs them, in one process, in TypeScript", () => {
  it('follows the script to node --test, dropping its reporter and coverage', async () => {
    const report = await runTests(await sandboxFor('node-test-cjs'));
    expect(report.command).toMatch(
      /^node --test-reporter=\S+ --test-reporter-destination=stdout --test-reporter=spec --test-reporter-destination=stderr --test --test-concurrency=1$/,
    );
    expect(report.totals).toMatchObject({ tests: 3, passed: 1, failed: 2 });
  });

  // Node 22.8 on: the files run in one process, which has no test per file to fail.
  it('reads files run in one process, and an error outside any test there', async () => {
    const esm = await runTests(await sandboxFor('node-test-esm'), { testCommand: 'node --test --test-isolation=none' });
    expect(esm.error).toBeUndefined();
    expect(esm.totals).toEqual({ files: 2, tests: 11, passed: 4, failed: 5, skipped: 2, flaky: 0 });
    expect(testNamed(esm, 'checks out', 'two of an item').failure).toMatchObject({ expected: '10', actual: '5' });

    const leak = await runTests(await sandboxFor('node-test-broken'), {
      testCommand: 'node --test --test-isolation=none test/leak.test.js test/fine.test.js',
    });
    expect(leak.error).toEqual({
      kind: 'crash',
      message: expect.stringMatching(
        /^1 unhandled error during the run: Error: Test "schedules a reminder" at \S+ generated asynchronous activity/,
      ),
    });
    expect(leak.totals).toMatchObject({ files: 2, passed: 3, failed: 0 });
  });

  // Type stripping is Node 22.6 on: the repository's Node runs it.
  it('points frames at the TypeScript source Node stripped of its types, and at what it cannot strip', async () => {
    const sandbox = await sandboxFor('node-test-ts');
    const report = await runTests(sandbox);
    expect(report.command).toMatch(/ --experimental-strip-types --test 'test\/\*\*\/\*\.test\.ts'$/);
    expect(report.error).toBeUndefined();
    expect(report.totals).toMatchObject({ tests: 2, passed: 1, failed: 1 });
    expect(testNamed(report, 'invoiceTotal', 'charges the full price without a code').failure?.frames).toEqual([
      {
        file: 'src/invoice.ts',
        line: lineOf('node-test-ts', 'src/invoice.ts', 'discountCode!.toUpperCase()'),
        column: 51,
        fn: 'invoiceTotal',
      },
      {
        file: 'test/invoice.test.ts',
        line: lineOf('node-test-ts', 'test/invoice.test.ts', 'invoiceTotal(invoice())'),
        column: 18,
        fn: 'TestContext.<anonymous>',
      },
    ]);

    // Syntax that type stripping refuses: Node shows the source around it, the caret on its own line.
    await sandbox.writeFile(
      'test/status.test.ts',
      "import { test } from 'node:test';\n\nenum Status {\n  Open,\n}\n\ntest('opens', () => {});\n",
    );
    const unstripped = await runTests(sandbox);
    expect(unstripped.error?.kind).toBe('compile');
    const status = unstripped.files.find((f) => f.file === 'test/status.test.ts');
    expect(status?.tests).toEqual([]);
    expect(status?.error).toMatch(
      /^SyntaxError \[ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX\]: TypeScript enum is not supported in strip-only mode\n\s+at file:\/\/\/\S+\/test\/status\.test\.ts:3:1\n/,
    );
  });
});

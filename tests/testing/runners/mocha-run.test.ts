import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalSandbox, type LocalSandbox } from '../../../src/sandbox/local.ts';
import { allTests, type TestCaseResult, type TestReport, TestReportSchema } from '../../../src/testing/report.ts';
import { runTests, type TestProgress } from '../../../src/testing/run-tests.ts';

const repo = join(import.meta.dirname, '..', '..', '..');
const sandboxes: LocalSandbox[] = [];
afterAll(() => Promise.all(sandboxes.map((s) => s.destroy())));

async function sandboxFor(fixture: string): Promise<LocalSandbox> {
  const sandbox = await createLocalSandbox({ projectDir: join(repo, 'tests', 'fixtures', 'projects', fixture) });
  sandboxes.push(sandbox);
  return sandbox;
}

function testNamed(report: TestReport, ...namePath: string[]): TestCaseResult {
  const found = allTests(report).find((t) => t.namePath.join(' > ') === namePath.join(' > '));
  if (!found) throw new Error(`no test ${namePath.join(' > ')} in ${allTests(report).map((t) => t.id)}`);
  return found;
}

const statuses = (report: TestReport) => Object.fromEntries(allTests(report).map((t) => [t.namePath.join(' > '), t.status]));

async function edit(sandbox: LocalSandbox, file: string, search: string, replace: string): Promise<void> {
  const text = await sandbox.readFile(file);
  expect(text).toContain(search);
  await sandbox.writeFile(file, text.replace(search, replace));
}

describe('mocha through runTests in a local sandbox', () => {
  it('reads a CommonJS project run with env prefix and --recursive, its .mocharc reporter replaced by ours', async () => {
    const sandbox = await sandboxFor('mocha-cjs');
    const progress: TestProgress[] = [];
    const report = await runTests(sandbox, { onProgress: (p) => progress.push(p) });
    expect(TestReportSchema.parse(report)).toEqual(report);
    expect(report.runner).toBe('mocha');
    expect(report.command).toBe(`NODE_ENV=test mocha --recursive test/ --reporter ${sandbox.workdir}/.improve/mocha-reporter.cjs`);
    // Three failing tests make mocha exit with code 3: a report of failures, not a crash.
    expect(report.error).toBeUndefined();
    expect(report.totals).toEqual({ files: 2, tests: 9, passed: 5, failed: 3, skipped: 1, flaky: 0 });
    expect(report.files.map((f) => [f.file, f.status])).toEqual([
      ['test/cart.spec.js', 'failed'],
      ['test/nested/totals.spec.js', 'passed'],
    ]);
    expect(testNamed(report, 'totals', 'sees the test environment').status).toBe('passed');
    expect(testNamed(report, 'cart', 'prints a receipt').status).toBe('skipped');
    // mocha's own output, for people, is still there.
    expect(report.outputTail).toContain('3 failing');

    expect(progress.map((p) => [p.file, p.passed, p.failed, p.done, p.total])).toEqual([
      ['test/cart.spec.js', 2, 3, 1, 2],
      ['test/nested/totals.spec.js', 3, 0, 2, 2],
    ]);
  });

  it('gives each failure its message, expected and actual values as mocha shows them, and frames in the sources', async () => {
    const report = await runTests(await sandboxFor('mocha-cjs'));
    const discount = testNamed(report, 'cart', 'applies a discount');
    expect(discount.failure).toMatchObject({
      message: expect.stringMatching(/^AssertionError \[ERR_ASSERTION\]: Expected values to be strictly deep-equal/),
      expected: '{\n  "owner": "ann"\n  "total": 90\n}',
      actual: '{\n  "owner": "ann"\n  "total": 80\n}',
    });
    expect(discount.failure?.frames[0]).toMatchObject({ file: 'test/cart.spec.js', line: 11 });

    const thrown = testNamed(report, 'cart', 'adds an item with no quantity yet');
    expect(thrown.failure?.message).toBe('RangeError: negative quantity for pen');
    expect(thrown.failure?.expected).toBeUndefined();
    expect(thrown.failure?.frames.slice(0, 2)).toEqual([
      { file: 'src/cart.js', line: 15, column: 11, fn: 'addItem' },
      { file: 'test/cart.spec.js', line: 15, column: 28, fn: 'Context.<anonymous>' },
    ]);

    const slow = testNamed(report, 'totals', 'totals a slow price list');
    expect(slow.durationMs).toBeGreaterThanOrEqual(100);
    expect(testNamed(report, 'totals', 'is zero for an empty cart').durationMs).toBeLessThan(100);
  });

  it('keeps the frames of code outside a named function (an assertion in a callback)', async () => {
    const sandbox = await sandboxFor('mocha-cjs');
    await edit(
      sandbox,
      'test/cart.spec.js',
      "  it.skip('prints a receipt'",
      "  it('totals each line', () => {\n    [[{ price: 2, quantity: 3 }]].forEach((items) => assert.strictEqual(total(items), 5));\n  });\n\n  it.skip('prints a receipt'",
    );
    const report = await runTests(sandbox);
    const frames = testNamed(report, 'cart', 'totals each line').failure?.frames ?? [];
    expect(frames[0]).toEqual({ file: 'test/cart.spec.js', line: 28, column: 61 });
  });

  it('a failed test that fails again (done called twice) is one failure, not a crash of the run', async () => {
    const sandbox = await sandboxFor('mocha-cjs');
    await edit(
      sandbox,
      'test/cart.spec.js',
      "  it.skip('prints a receipt'",
      "  it('fails twice', (done) => {\n    done(new Error('first'));\n    done(new Error('second'));\n  });\n\n  it.skip('prints a receipt'",
    );
    const report = await runTests(sandbox);
    expect(report.error).toBeUndefined();
    expect(report.files.every((file) => file.error === undefined)).toBe(true);
    expect(testNamed(report, 'cart', 'fails twice')).toMatchObject({ status: 'failed', failure: { message: 'Error: first' } });
    expect(report.totals).toMatchObject({ tests: 10, failed: 4 });
  });

  it('tells apart two tests with the same full title', async () => {
    const report = await runTests(await sandboxFor('mocha-cjs'));
    const labels = allTests(report).filter((t) => t.namePath[1]?.startsWith('labels the total'));
    expect(labels.map((t) => [t.id, t.status])).toEqual([
      ['test/cart.spec.js > cart > labels the total', 'passed'],
      ['test/cart.spec.js > cart > labels the total (2)', 'failed'],
    ]);
    // Strings are compared as they are.
    expect(labels[1]?.failure).toMatchObject({ expected: 'Total: 10', actual: 'Total:10' });
  });

  it("reads the config under package.json's mocha key, whose reporter does not replace ours", async () => {
    const sandbox = await sandboxFor('mocha-cjs');
    await sandbox.executeCommand('rm', ['.mocharc.yml'], { timeout: 10_000 });
    await sandbox.writeFile(
      'package.json',
      JSON.stringify({ scripts: { test: 'mocha' }, mocha: { reporter: 'dot', spec: ['test/nested/*.spec.js'] } }),
    );
    const report = await runTests(sandbox);
    expect(report.error).toBeUndefined();
    expect(report.files.map((f) => f.file)).toEqual(['test/nested/totals.spec.js']);
    // No NODE_ENV=test in this script.
    expect(statuses(report)).toEqual({
      'totals > is zero for an empty cart': 'passed',
      'totals > sees the test environment': 'failed',
      'totals > totals a slow price list': 'passed',
    });
  });

  it('still reads every result when a config turns on parallel mode', async () => {
    const sandbox = await sandboxFor('mocha-cjs');
    await sandbox.writeFile('.mocharc.yml', 'reporter: spec\nparallel: true\njobs: 2\n');
    const report = await runTests(sandbox);
    expect(report.error).toBeUndefined();
    expect(report.totals).toEqual({ files: 2, tests: 9, passed: 5, failed: 3, skipped: 1, flaky: 0 });
    expect(testNamed(report, 'cart', 'labels the total (2)').failure?.actual).toBe('Total:10');
  });

  it('reports a failing before-each hook as a failed test named after the hook alone, and the tests it kept from running as skipped', async () => {
    const sandbox = await sandboxFor('mocha-hooks');
    const report = await runTests(sandbox);
    expect(report.error).toBeUndefined();
    expect(report.totals).toEqual({ files: 1, tests: 8, passed: 1, failed: 2, skipped: 5, flaky: 0 });
    expect(statuses(report)).toEqual({
      'a database > "before each" hook': 'failed',
      'a database > reads a row': 'skipped',
      'a database > writes a row': 'skipped',
      'a database > in a transaction > rolls back': 'skipped',
      'a cache > "before all" hook': 'failed',
      'a cache > hits': 'skipped',
      'a cache > when full > evicts': 'skipped',
      'a clock > ticks': 'passed',
    });
    const hook = testNamed(report, 'a database', '"before each" hook');
    expect(hook.failure?.message).toBe('Error: connection refused');
    expect(hook.failure?.frames[0]).toMatchObject({ file: 'test/hooks.spec.js', line: 9 });
    expect(testNamed(report, 'a cache', '"before all" hook').failure?.frames[0]).toMatchObject({ file: 'test/hooks.spec.js', line: 29 });

    // Mocha names the hook after the first test of the block: another first test, the same id.
    await edit(sandbox, 'test/hooks.spec.js', "  it('reads a row'", "  it('connects', () => {});\n\n  it('reads a row'");
    const again = await runTests(sandbox);
    expect(again.totals).toMatchObject({ tests: 9, failed: 2, skipped: 6 });
    expect(
      allTests(again)
        .filter((t) => t.status === 'failed')
        .map((t) => t.id),
    ).toEqual(
      allTests(report)
        .filter((t) => t.status === 'failed')
        .map((t) => t.id),
    );
  });

  it('reports an error thrown after a test passed as an error of its file', async () => {
    const report = await runTests(await sandboxFor('mocha-errors'), { testCommand: 'mocha test/after-pass.spec.js' });
    expect(report.error?.kind).toBe('crash');
    expect(report.error?.message).toContain('error outside any test in test/after-pass.spec.js');
    expect(report.error?.message).toContain('"a worker starts"');
    expect(report.error?.message).toContain('the worker crashed after its test');
    expect(report.files[0]?.error).toContain('test/after-pass.spec.js:8:');
    // Mocha stops the run there.
    expect(statuses(report)).toEqual({ 'a worker > starts': 'passed', 'a worker > stops': 'skipped' });
  });

  it('reports an error mocha ties to no test as an unhandled error of the run', async () => {
    const report = await runTests(await sandboxFor('mocha-errors'), { testCommand: 'mocha test/outside.spec.js' });
    expect(report.error).toEqual({ kind: 'crash', message: '1 unhandled error during the run: Error: a timer went off outside any test' });
    expect(statuses(report)).toEqual({ 'a timer > fires': 'passed' });
  });

  it('ties a failing hook outside any describe to the file that defines it', async () => {
    const report = await runTests(await sandboxFor('mocha-errors'), { testCommand: 'mocha test/root-hook.spec.js' });
    expect(report.error).toBeUndefined();
    expect(statuses(report)).toEqual({
      '"before all" hook': 'failed',
      'a store > lists its shelves': 'skipped',
      'a store > counts its items': 'skipped',
    });
    expect(testNamed(report, '"before all" hook').failure?.frames[0]).toMatchObject({ file: 'test/root-hook.spec.js', line: 5 });
  });

  it('reports a test file that fails to load, which stops mocha before any test, as a compile error', async () => {
    const sandbox = await sandboxFor('mocha-broken');
    const report = await runTests(sandbox);
    expect(report.error?.kind).toBe('compile');
    expect(report.error?.message).toMatch(
      /^1 test file failed to load: test\/b-broken\.spec\.js \(test\/b-broken\.spec\.js:5 .*SyntaxError: Unexpected token '='\)$/,
    );
    expect(report.totals).toMatchObject({ files: 1, tests: 0 });

    // An ES module goes through mocha's other loader.
    await sandbox.executeCommand('rm', ['test/b-broken.spec.js'], { timeout: 10_000 });
    await sandbox.writeFile('test/b-broken.spec.mjs', "import assert from 'node:assert';\nexport const broken = ;\n");
    const esm = await runTests(sandbox);
    expect(esm.error?.kind).toBe('compile');
    expect(esm.error?.message).toMatch(/^1 test file failed to load: test\/b-broken\.spec\.mjs \(.*SyntaxError/);
  });

  it('tells a flaky test from a failing one by rerunning only the failures', async () => {
    const sandbox = await sandboxFor('mocha-flaky');
    const report = await runTests(sandbox, { retries: 2 });
    expect(report.error).toBeUndefined();
    expect(report.totals).toEqual({ files: 1, tests: 3, passed: 2, failed: 1, skipped: 0, flaky: 1 });
    expect(testNamed(report, 'a counter', 'passes from the second run on').flaky).toBe(true);
    expect(testNamed(report, 'a counter', 'always fails').failure).toMatchObject({ expected: '3', actual: '2' });
    // The first run and one rerun of the flaky test; the stable test ran once, in the first run.
    expect(await sandbox.readFile('.flaky-runs')).toBe('2');
    expect(await sandbox.readFile('.stable-runs')).toBe('1');
  });

  it("marks a test that passed on mocha's own retry as flaky", async () => {
    const report = await runTests(await sandboxFor('mocha-flaky'), { testCommand: 'mocha --retries 1' });
    expect(report.error).toBeUndefined();
    expect(report.totals).toEqual({ files: 1, tests: 3, passed: 2, failed: 1, skipped: 0, flaky: 1 });
    expect(testNamed(report, 'a counter', 'passes from the second run on').flaky).toBe(true);
  });

  it('without retries, a flaky test counts as failed', async () => {
    const report = await runTests(await sandboxFor('mocha-flaky'));
    expect(report.totals).toMatchObject({ failed: 2, flaky: 0 });
  });

  it('runs an ES module project natively, frames in its sources', async () => {
    const report = await runTests(await sandboxFor('mocha-esm'));
    expect(report.error).toBeUndefined();
    expect(report.command).toMatch(/^TZ=UTC mocha 'test\/\*\*\/\*\.spec\.js' --reporter /);
    expect(report.totals).toMatchObject({ tests: 3, passed: 1, failed: 2 });
    expect(testNamed(report, 'slugify', 'joins words with dashes').failure).toMatchObject({
      expected: 'hello-big-world',
      actual: 'hello_big_world',
    });
    expect(testNamed(report, 'slugify', 'refuses very long words').failure?.frames[0]).toEqual({
      file: 'src/slug.js',
      line: 4,
      column: 11,
      fn: 'slugify',
    });
  });

  it("runs TypeScript through Node's type stripping, frames at the lines of the .ts sources", async () => {
    const sandbox = await sandboxFor('mocha-ts');
    const report = await runTests(sandbox);
    expect(report.error).toBeUndefined();
    expect(report.totals).toMatchObject({ files: 1, tests: 3, passed: 1, failed: 2 });
    const zero = testNamed(report, 'convert', 'refuses a zero rate');
    expect(zero.failure?.message).toBe('RangeError: bad rate -1');
    expect(zero.failure?.frames.slice(0, 2)).toEqual([
      { file: 'src/money.ts', line: 10, column: 11, fn: 'convert' },
      { file: 'test/money.spec.ts', line: 16, column: 5, fn: 'Context.<anonymous>' },
    ]);

    // The same with the extension on the command line instead of in .mocharc.
    await sandbox.executeCommand('rm', ['.mocharc.json'], { timeout: 10_000 });
    const flagged = await runTests(sandbox, { testCommand: 'mocha --extension ts --recursive test' });
    expect(flagged.error).toBeUndefined();
    expect(flagged.totals).toMatchObject({ tests: 3, failed: 2 });
  });
});

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COVERAGE_RECORDER_SOURCE } from '../../src/testing/runners/coverage-recorder.ts';
import { readTestCoverage } from '../../src/testing/test-coverage.ts';

const run = promisify(execFile);

const PRICE = [
  'function price(n) {',
  '  if (n > 100) {',
  '    return n * 0.9;',
  '  }',
  '  return n;',
  '}',
  'module.exports = { price };',
  '',
].join('\n');

/** Two "tests" recorded the way a runner's setup module records them: begin, run the test, end. */
const DRIVER = `const inspector = require('node:inspector');
const fs = require('node:fs');
${COVERAGE_RECORDER_SOURCE}
const recorder = improveCoverageRecorder(inspector, fs, process.argv[2]);
const { price } = require('./src/price.js');
const file = __dirname + '/test/price.test.js';
recorder.begin(() => {
  price(5);
  recorder.end(file, ['price', 'keeps small amounts'], true, () => {
    recorder.begin(() => {
      price(500);
      recorder.end(file, ['price', 'discounts large amounts'], false, () => {});
    });
  });
});
`;

describe('per-test coverage (the shared recorder and its reader)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ri-coverage-'));
    await mkdir(join(dir, 'src'));
    await writeFile(join(dir, 'src', 'price.js'), PRICE);
    await writeFile(join(dir, 'driver.cjs'), DRIVER);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("records, per test, the project lines it executed and nothing of another test's", async () => {
    const output = join(dir, 'coverage.jsonl');
    await run(process.execPath, [join(dir, 'driver.cjs'), output], { cwd: dir });
    const coverage = readTestCoverage(await readFile(output, 'utf8'), dir);
    const small = coverage.find((c) => c.testId === 'test/price.test.js > price > keeps small amounts');
    const large = coverage.find((c) => c.testId === 'test/price.test.js > price > discounts large amounts');
    expect(small).toMatchObject({ passed: true });
    expect(large).toMatchObject({ passed: false });
    expect(small!.lines['src/price.js']).toEqual(expect.arrayContaining([2, 5]));
    expect(small!.lines['src/price.js']).not.toContain(3);
    expect(large!.lines['src/price.js']).toContain(3);
    expect(large!.lines['src/price.js']).not.toContain(5);
    // The driver itself is the project's too, but the recorder's own bookkeeping never shows up as a module of ours.
    expect(Object.keys(large!.lines).every((file) => !file.startsWith('/') && !file.includes('node_modules'))).toBe(true);
  });

  it('skips torn lines and modules outside the project, and keeps the last record of a retried test', () => {
    const line = (passed: boolean, lines: Record<string, number[]>) =>
      JSON.stringify({ file: '/w/test/a.test.js', namePath: ['a'], passed, lines });
    const text = [
      line(false, { '/w/src/a.js': [0, 1], '/w/node_modules/x/i.js': [0], '/elsewhere/b.js': [3] }),
      '{"file": "/w/test/a.tes',
      line(true, { 'file:///w/src/a.js': [4] }),
      '',
    ].join('\n');
    expect(readTestCoverage(text, '/w')).toEqual([{ testId: 'test/a.test.js > a', passed: true, lines: { 'src/a.js': [5] } }]);
  });
});

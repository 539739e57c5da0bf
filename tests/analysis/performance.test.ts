import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuProfileSchema, locateInSource, profiledFunctions } from '../../src/analysis/cpu-profile.ts';
import { analyzePerformance, slowTestFinding, slowTests } from '../../src/analysis/performance.ts';
import { createLocalSandbox, type LocalSandbox } from '../../src/sandbox/local.ts';
import type { TestReport } from '../../src/testing/report.ts';
import { runTests } from '../../src/testing/run-tests.ts';
import { reportOf } from './report-of.ts';

function reportWith(durations: Record<string, number>): TestReport {
  return reportOf(
    Object.entries(durations).map(([name, durationMs]) => ({
      id: `tests/a.test.ts > ${name}`,
      file: 'tests/a.test.ts',
      namePath: [name],
      status: 'passed' as const,
      durationMs,
    })),
  );
}

describe('slowTests', () => {
  it('flags tests over max(500 ms, 10 x median), slowest first', () => {
    const slow = slowTests(reportWith({ a: 2, b: 3, c: 4, d: 900, e: 3000 }));
    expect(slow.map((entry) => entry.test.namePath[0])).toEqual(['e', 'd']);
    expect(slow[0]).toMatchObject({ medianMs: 4, thresholdMs: 500 });
  });

  it('does not flag a uniformly slow suite, nor fast outliers under the floor', () => {
    expect(slowTests(reportWith({ a: 800, b: 900, c: 1000 }))).toEqual([]);
    expect(slowTests(reportWith({ a: 1, b: 1, c: 1, d: 300 }))).toEqual([]);
    expect(slowTests(reportWith({ a: 1, b: 1, c: 1, d: 300 }), { floorMs: 100, factor: 10 })).toHaveLength(1);
  });

  it('makes a medium finding that points at the test when there is no profile', () => {
    const [entry] = slowTests(reportWith({ a: 2, b: 2, slow: 2000 }));
    if (!entry) throw new Error('expected a slow test');
    const finding = slowTestFinding(entry, []);
    expect(finding).toMatchObject({
      category: 'performance',
      priority: 'medium',
      location: { file: 'tests/a.test.ts' },
      tests: ['tests/a.test.ts > slow'],
    });
    expect(finding.message).toContain('2000 ms');
  });
});

describe('CPU profiles', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ri-prof-'));
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'prof'));
    writeFileSync(
      join(dir, 'src/hot.ts'),
      [
        'export function busy(n: number): number {',
        '  let total = 0;',
        '  for (let i = 0; i < n; i++) total += [1, 2, 3].map((x) => x * i).reduce((a, b) => a + b, 0) % 7;',
        '  return total;',
        '}',
        'export const cheap = (n: number): number => n + 1;',
        'let sink = 0;',
        'for (let round = 0; round < 40; round++) sink += busy(60_000) + cheap(round);',
        'if (sink < 0) console.log(sink);',
      ].join('\n'),
    );
    execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'prof')}`, '--cpu-prof-interval=250', 'src/hot.ts'], {
      cwd: dir,
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('charges builtins and anonymous callbacks to the named project function that called them', () => {
    const profiles = readdirSync(join(dir, 'prof')).map((file) =>
      CpuProfileSchema.parse(JSON.parse(readFileSync(join(dir, 'prof', file), 'utf8'))),
    );
    const functions = profiledFunctions(profiles, dir);
    const [hottest] = functions;
    expect(hottest).toMatchObject({ file: 'src/hot.ts', fn: 'busy', runtimeLine: 1, hotRuntimeLine: 3 });
    const total = functions.reduce((sum, fn) => sum + fn.selfMs, 0);
    expect(hottest!.selfMs / total).toBeGreaterThan(0.8);
    expect(functions.every((fn) => fn.fn !== '' && !fn.file.includes('node_modules'))).toBe(true);
  });

  it('maps a function shifted by a transform back to its source line', () => {
    const source = [
      'interface A {',
      '  x: number;',
      '}',
      'type B = A;',
      '',
      'export function hot(a: A) {',
      '  let s = 0;',
      '  for (;;) s++;',
      '}',
    ].join('\n');
    // The runner dropped the 4 type-only lines: hot() ran at line 2, its loop at line 4.
    expect(locateInSource({ file: 'src/h.ts', fn: 'hot', runtimeLine: 2, hotRuntimeLine: 4, selfMs: 1 }, 'src/h.ts', source)).toEqual({
      line: 6,
      hotLine: 8,
      endLine: 9,
    });
  });
});

describe('analyzePerformance in a sandbox', () => {
  let sandbox: LocalSandbox;
  beforeAll(async () => {
    sandbox = await createLocalSandbox({ projectDir: 'examples/slow' });
  });
  afterAll(async () => {
    await sandbox?.destroy();
  });

  it('finds the slow test of examples/slow and profiles it down to the hot loop', async () => {
    const report = await runTests(sandbox);
    expect(report.error).toBeUndefined();
    const findings = await analyzePerformance(report, { sandbox });
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      category: 'performance',
      priority: 'medium',
      tests: ['tests/events.test.ts > uniqueVisitors > handles a day of traffic'],
      location: { file: 'src/events.ts' },
    });
    // uniqueVisitors spans lines 8-18; its inner loop (12-14) is where the time goes.
    expect(finding?.location?.line).toBeGreaterThanOrEqual(12);
    expect(finding?.location?.line).toBeLessThanOrEqual(14);
    expect(finding?.message).toContain('uniqueVisitors');
    expect(finding?.evidence).toContain('CPU profile');
    // The profile is the analyzer's own scratch data: it is gone from the workspace afterwards.
    const left = await sandbox.executeCommand('find', ['.improve', '-name', '*.cpuprofile']);
    expect(left.stdout.trim()).toBe('');
  });
});

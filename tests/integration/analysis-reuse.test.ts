import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, prepareAnalysis } from '../../src/analysis/analyze.ts';
import { importClosure } from '../../src/analysis/imports.ts';
import { createMemo } from '../../src/analysis/memo.ts';
import { createLocalSandbox, type LocalSandbox } from '../../src/sandbox/local.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import type { TestReport } from '../../src/testing/report.ts';
import { runTests } from '../../src/testing/run-tests.ts';
import { REPO } from '../workflow/support/projects.ts';

// The analyze step runs every cycle: what it works out is reused while the code it looked at is
// the same, and worked out again when it changed.

describe('createMemo', () => {
  it('shares a pending result, forgets failures, and drops the least recently used key', async () => {
    const memo = createMemo<number>(2);
    let runs = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 5));
    const [a, b] = await Promise.all([memo.get('a', slow), memo.get('a', slow)]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
    await expect(memo.get('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await memo.get('x', () => 7)).toBe(7);
    await memo.get('a', slow); // used: now the most recent
    await memo.get('c', () => 3); // evicts x, not a
    expect(await memo.get('a', slow)).toBe(1);
    expect(await memo.get('x', () => 8)).toBe(8);
  });
});

describe('importClosure', () => {
  const files = new Map([
    ['src/a.ts', "import { b } from './b.js';\nexport const a = b;"],
    ['src/b.ts', "export { c } from './lib/c';\nexport const b = 1;"],
    ['src/lib/c.ts', "const d = await import('./d.mjs');\nimport x from 'left-pad';"],
    ['src/lib/d.mts', 'export const d = 1;'],
    ['src/unrelated.ts', 'export const u = 1;'],
  ]);

  it('follows relative imports, re-exports and dynamic imports through the project, not packages', () => {
    const closure = importClosure({ file: 'tests/a.test.ts', text: "import { a } from '../src/a.ts';" }, files);
    expect([...closure].sort()).toEqual(['src/a.ts', 'src/b.ts', 'src/lib/c.ts', 'src/lib/d.mts']);
  });

  it('ignores what does not resolve to a project file', () => {
    expect(importClosure({ file: 'tests/x.test.ts', text: "import '../../outside.ts';\nimport '../src/missing';" }, files).size).toBe(0);
  });
});

/** The sandbox, with a record of the commands run in it. */
function recording(sandbox: Sandbox): { sandbox: Sandbox; commands: string[] } {
  const commands: string[] = [];
  const proxy = new Proxy(sandbox, {
    get(target, property) {
      if (property === 'executeCommand') {
        return (command: string, args: string[] = [], options?: object) => {
          commands.push([command, ...args].join(' '));
          return target.executeCommand(command, args, options);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { sandbox: proxy, commands };
}

describe('analysis of a sandbox, cycle after cycle (examples/slow)', () => {
  let local: LocalSandbox;
  let report: TestReport;
  beforeAll(async () => {
    local = await createLocalSandbox({ projectDir: path.join(REPO, 'examples/slow') });
    report = await runTests(local);
  });
  afterAll(async () => {
    await local?.destroy();
  });

  it('reads nothing again for contents it has seen, and profiles the slow test again only when its code changed', async () => {
    const { sandbox, commands } = recording(local);
    const profiles = () => commands.filter((command) => command.includes('--cpu-prof')).length;
    const ids = (findings: { id: string }[]) => findings.map((f) => f.id);

    await prepareAnalysis({ sandbox, contentsKey: 'original' });
    const listings = () => commands.filter((command) => command.startsWith('find . '));
    expect(commands).toEqual([expect.stringMatching(/^find \. /)]); // the sources were listed once
    const first = await analyze({ report, sandbox, contentsKey: 'original' });
    expect(ids(first)).toContain('error-handling:floating-promise:src/ingest.ts:41:5');
    expect(first.find((f) => f.category === 'performance')?.location?.file).toBe('src/events.ts');
    const profiled = profiles();
    expect(profiled).toBeGreaterThan(0);
    expect(listings()).toHaveLength(1);

    const seen = commands.length;
    expect(await analyze({ report, sandbox, contentsKey: 'original' })).toEqual(first);
    expect(commands.length).toBe(seen);

    // A change in code the slow test does not load: read again, not profiled again.
    const ingest = await sandbox.readFile('src/ingest.ts');
    await sandbox.writeFile('src/ingest.ts', ingest.replace("throw 'bad event'", "throw new Error('bad event')"));
    const fixed = await analyze({ report, sandbox, contentsKey: 'throw fixed' });
    expect(ids(fixed)).not.toContain('error-handling:throw-non-error:src/ingest.ts:16:80');
    expect(listings()).toHaveLength(2);
    expect(profiles()).toBe(profiled);

    // A change in the code it runs: profiled again.
    const events = await sandbox.readFile('src/events.ts');
    await sandbox.writeFile('src/events.ts', `// visitors\n${events}`);
    const shifted = await analyze({ report, sandbox, contentsKey: 'events touched' });
    expect(profiles()).toBeGreaterThan(profiled);
    const hot = shifted.find((f) => f.category === 'performance');
    expect(hot?.location?.line).toBe((first.find((f) => f.category === 'performance')?.location?.line ?? 0) + 1);

    // Back to contents seen before (a reverted change): nothing is read or run.
    await sandbox.writeFile('src/events.ts', events);
    await sandbox.writeFile('src/ingest.ts', ingest);
    const count = commands.length;
    expect(await analyze({ report, sandbox, contentsKey: 'original' })).toEqual(first);
    expect(commands.length).toBe(count);
  });
});

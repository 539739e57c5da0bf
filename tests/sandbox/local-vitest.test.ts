import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createLocalSandbox, type LocalSandbox } from '../../src/sandbox/local.ts';
import { makeProject, REPO_NODE_MODULES, removeTempDirs, writeTree } from './local-fixtures.ts';

let sandbox: LocalSandbox;

beforeAll(async () => {
  const projectDir = await makeProject(
    {
      'package.json': '{"name":"tiny","type":"module","scripts":{"test":"vitest run"}}',
      'src/math.ts':
        'export const add = (a: number, b: number): number => a + b;\nexport const sub = (a: number, b: number): number => a + b;\n',
      'src/math.test.ts': [
        "import { expect, test } from 'vitest';",
        "import { add, sub } from './math.ts';",
        "test('adds', () => expect(add(1, 2)).toBe(3));",
        "test('subtracts', () => expect(sub(3, 1)).toBe(2));",
        '',
      ].join('\n'),
    },
    { linkNodeModules: true },
  );
  sandbox = await createLocalSandbox({ projectDir, isolation: 'bwrap' });
});

afterAll(async () => {
  await sandbox.destroy();
  await removeTempDirs();
});

test('a real `npx vitest run` works inside the sandbox, with read-only node_modules', async () => {
  const result = await sandbox.executeCommand('npx', ['vitest', 'run', '--reporter=json', '--outputFile=report.json'], { timeout: 60_000 });
  expect(result.exitCode, result.stderr).toBe(1);
  const report = JSON.parse(await sandbox.readFile('report.json')) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: Array<{ name: string; assertionResults: Array<{ failureMessages: string[] }> }>;
  };
  expect(report).toMatchObject({ numPassedTests: 1, numFailedTests: 1 });
  // Stack traces name files by their sandbox path.
  expect(report.testResults[0]!.name).toBe(`${sandbox.workdir}/src/math.test.ts`);
  expect(report.testResults[0]!.assertionResults.flatMap((r) => r.failureMessages).join('\n')).toContain(
    `${sandbox.workdir}/src/math.test.ts`,
  );
});

test('a fix written after start is picked up by the next run', async () => {
  await sandbox.writeFile(
    'src/math.ts',
    'export const add = (a: number, b: number): number => a + b;\nexport const sub = (a: number, b: number): number => a - b;\n',
  );
  const result = await sandbox.executeCommand('npx vitest run', [], { timeout: 60_000 });
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.stdout).toMatch(/Tests\s+2 passed/);
  expect(result.stdout).not.toContain('\u001b['); // plain text, no colours
});

test('vitest 5 starts even when the shared node_modules holds a stale module cache (packages installed since it was made)', async () => {
  // vitest on the host keeps its cache in the node_modules the sandbox shares, stamped with a hash of
  // the lockfile; after an install it no longer matches, and the sandboxed vitest wants to clear it.
  const metadata = join(REPO_NODE_MODULES, '.vitest-cache', '_metadata.json');
  const hostCache = existsSync(metadata) ? await readFile(metadata, 'utf8') : undefined;
  const stale = JSON.stringify({ lockfileHash: 'stale000' });
  await writeTree(REPO_NODE_MODULES, { '.vitest-cache/_metadata.json': stale });
  const projectDir = await makeProject(
    {
      'package.json': '{"name":"cached","type":"module","scripts":{"test":"vitest run"}}',
      'one.test.ts': "import { expect, test } from 'vitest';\ntest('one', () => expect(1).toBe(1));\n",
    },
    { linkNodeModules: true },
  );
  const cached = await createLocalSandbox({ projectDir, isolation: 'bwrap' });
  try {
    const result = await cached.executeCommand('npx', ['vitest', 'run'], { timeout: 60_000 });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/1 passed/);
    // The host's cache is as it was: the sandbox had a cache of its own.
    expect(await readFile(metadata, 'utf8')).toBe(stale);
  } finally {
    await cached.destroy();
    if (hostCache === undefined) await rm(metadata, { force: true });
    else await writeFile(metadata, hostCache);
  }
});

import { chmod, readdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createLocalSandbox, type LocalSandbox } from '../../src/sandbox/local.ts';
import { makeProject, makeTempDir, REPO_NODE_MODULES, removeTempDirs, writeTree } from './local-fixtures.ts';

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

test('vitest 5 starts even when the shared node_modules holds a module cache made for another lockfile', async () => {
  // A node_modules like a user's after running vitest on the host: every package, plus vitest's cache
  // stamped with a lockfile this copy does not have (so vitest wants to clear it).
  const nodeModules = await makeTempDir('ri-node-modules-');
  await chmod(nodeModules, 0o755); // the sandbox user reads it through the bind mount
  for (const entry of await readdir(REPO_NODE_MODULES)) {
    if (entry !== '.vitest-cache') await symlink(join(REPO_NODE_MODULES, entry), join(nodeModules, entry));
  }
  await writeTree(nodeModules, { '.vitest-cache/_metadata.json': JSON.stringify({ lockfileHash: 'made-elsewhere' }) });
  const projectDir = await makeProject({
    'package.json': '{"name":"cached","type":"module","scripts":{"test":"vitest run"}}',
    'package-lock.json': '{"lockfileVersion":3}',
    'one.test.ts': "import { expect, test } from 'vitest';\ntest('one', () => expect(1).toBe(1));\n",
  });
  await symlink(nodeModules, join(projectDir, 'node_modules'));
  const cached = await createLocalSandbox({ projectDir, isolation: 'bwrap' });
  try {
    const result = await cached.executeCommand('npx', ['vitest', 'run'], { timeout: 60_000 });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/1 passed/);
    // The host's cache is as it was: the sandbox wrote into a cache of its own.
    expect(JSON.parse(await readFile(join(nodeModules, '.vitest-cache/_metadata.json'), 'utf8'))).toEqual({
      lockfileHash: 'made-elsewhere',
    });
  } finally {
    await cached.destroy();
  }
});

/** A Mastra sandbox the user already has (here Mastra's own LocalSandbox) used as ours. */
import { LocalSandbox as MastraLocalSandbox } from '@mastra/core/workspace';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SandboxFileNotFoundError } from '../../src/sandbox/errors.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { fromWorkspaceSandbox } from '../../src/sandbox/workspace-adapter.ts';
import { makeProject, removeTempDirs } from './local-fixtures.ts';

let workdir: string;
let theirs: MastraLocalSandbox;
let sandbox: Sandbox;

beforeAll(async () => {
  workdir = await makeProject({ 'src/app.js': 'export const answer = 42;\n' });
  theirs = new MastraLocalSandbox({ workingDirectory: workdir });
  sandbox = fromWorkspaceSandbox(theirs, { workdir, env: { MODE: 'adapted', SERVICE_TOKEN: 'tok' }, limits: { maxOutputBytes: 1024 } });
});

afterAll(async () => {
  await sandbox.destroy();
  await removeTempDirs();
});

test('identity and status come from their sandbox', () => {
  expect(sandbox.provider).toBe('local');
  expect(sandbox.id).toBe(theirs.id);
  expect(sandbox.workdir).toBe(workdir);
  expect(sandbox.isolation).toBe('none');
});

test('files go through their shell: nested, unicode, large, atomically replaced', async () => {
  expect(await sandbox.readFile('src/app.js')).toBe('export const answer = 42;\n');
  await sandbox.writeFile('out/ß/ü.txt', 'naïve ✓\n');
  expect(await sandbox.readFile('out/ß/ü.txt')).toBe('naïve ✓\n');
  const large = `${'0123456789'.repeat(30_000)}\n`;
  await sandbox.writeFile('out/large.txt', large);
  expect(await sandbox.readFile('out/large.txt')).toBe(large);
  const leftovers = await sandbox.executeCommand('ls -a out');
  expect(leftovers.stdout.split('\n').filter((name) => name.includes('partial'))).toEqual([]);
});

test('a missing file or a directory is SandboxFileNotFoundError; escapes are refused', async () => {
  await expect(sandbox.readFile('nope.txt')).rejects.toBeInstanceOf(SandboxFileNotFoundError);
  await expect(sandbox.readFile('src')).rejects.toBeInstanceOf(SandboxFileNotFoundError);
  await expect(sandbox.writeFile('../outside.txt', 'x')).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
});

test('commands run in the workdir with our env (scrubbed), limits and streaming', async () => {
  const chunks: string[] = [];
  const result = await sandbox.executeCommand('pwd; echo "$MODE ${SERVICE_TOKEN-unset}"; exit 4', [], {
    onStdout: (text) => void chunks.push(text),
  });
  expect(result).toMatchObject({ exitCode: 4, success: false, stdout: `${workdir}\nadapted unset\n` });
  expect(chunks.join('')).toBe(result.stdout);
  const flood = await sandbox.executeCommand("head -c 5000 /dev/zero | tr '\\0' z");
  expect(flood).toMatchObject({ stdoutTruncated: true, stdoutDroppedBytes: 5000 - 1024 });
  const timedOut = await sandbox.executeCommand('sleep 5', [], { timeout: 200 });
  expect(timedOut).toMatchObject({ timedOut: true, success: false });
});

test('destroy goes through their lifecycle once', async () => {
  const other = new MastraLocalSandbox({ workingDirectory: workdir });
  const adapted = fromWorkspaceSandbox(other, { workdir });
  await adapted.executeCommand('true');
  await Promise.all([adapted.destroy(), adapted.destroy()]);
  expect(other.status).toBe('destroyed');
  await expect(adapted.executeCommand('true')).rejects.toMatchObject({ code: 'DESTROYED' });
});

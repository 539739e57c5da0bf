import { execFileSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { SandboxFileNotFoundError } from '../../src/sandbox/errors.ts';
import { createLocalSandbox, type LocalSandbox } from '../../src/sandbox/local.ts';
import { makeProject, makeTempDir, removeTempDirs, writeTree } from './local-fixtures.ts';

const sandboxes: LocalSandbox[] = [];
async function sandboxFor(projectDir: string): Promise<LocalSandbox> {
  const sandbox = await createLocalSandbox({ projectDir, isolation: 'bwrap' });
  sandboxes.push(sandbox);
  return sandbox;
}

async function filesIn(sandbox: LocalSandbox): Promise<string[]> {
  const result = await sandbox.executeCommand('find . -path ./node_modules -prune -o -type f -print | sort');
  return result.stdout.trim().split('\n');
}

afterAll(async () => {
  await Promise.all(sandboxes.map((sandbox) => sandbox.destroy()));
  await removeTempDirs();
});

const PROJECT = {
  'package.json': '{"name":"files"}',
  '.gitignore': 'dist/\n*.log\n',
  'src/index.js': 'export {};\n',
  'src/.gitignore': 'generated.js\n',
  'src/generated.js': 'ignored by the nested .gitignore\n',
  'dist/out.js': 'build output\n',
  'debug.log': 'log\n',
  '.improve/state.json': '{}',
  'packages/a/node_modules/dep/index.js': 'nested dependency\n',
  'packages/a/index.js': 'export {};\n',
};
const EXPECTED = ['./.gitignore', './package.json', './packages/a/index.js', './src/.gitignore', './src/index.js'];

describe('copying a project into the sandbox', () => {
  test('outside git, follows .gitignore files and skips dependencies and our state', async () => {
    const projectDir = await makeProject({ ...PROJECT, '.git/config': 'not a real repository\n' });
    expect(await filesIn(await sandboxFor(projectDir))).toEqual(EXPECTED);
  });

  test('inside git, copies tracked and untracked files but not ignored or deleted ones', async () => {
    const projectDir = await makeProject(PROJECT, { git: true });
    await writeTree(projectDir, { 'untracked.js': 'new\n', 'more.log': 'ignored\n' });
    await rm(join(projectDir, 'src/index.js'));
    const expected = [...EXPECTED.filter((file) => file !== './src/index.js'), './untracked.js'].sort();
    expect(await filesIn(await sandboxFor(projectDir))).toEqual(expected);
  });

  test('a project inside a repository takes only its own folder', async () => {
    const repo = await makeProject({ 'root.txt': 'outside the project\n', 'app/package.json': '{}', 'app/lib/x.js': '1\n' }, { git: true });
    expect(await filesIn(await sandboxFor(join(repo, 'app')))).toEqual(['./lib/x.js', './package.json']);
  });

  test('uses the nearest ancestor node_modules when the project has none', async () => {
    const parent = await makeTempDir();
    await writeTree(parent, {
      'node_modules/tiny-dep/package.json': '{"name":"tiny-dep","main":"index.js"}',
      'node_modules/tiny-dep/index.js': 'module.exports = "from the ancestor";\n',
      'proj/package.json': '{"name":"child"}',
    });
    const sandbox = await sandboxFor(join(parent, 'proj'));
    const result = await sandbox.executeCommand('node', ['-p', "require('tiny-dep')"]);
    expect(result.stdout).toBe('from the ancestor\n');
  });

  test('keeps executable bits and symbolic links', async () => {
    const projectDir = await makeProject({ 'run.sh': '#!/bin/sh\necho ran\n', 'data.txt': 'data\n' });
    execFileSync('chmod', ['+x', join(projectDir, 'run.sh')]);
    execFileSync('ln', ['-s', 'data.txt', join(projectDir, 'link.txt')]);
    const result = await (await sandboxFor(projectDir)).executeCommand('./run.sh && cat link.txt && readlink link.txt');
    expect(result.stdout).toBe('ran\ndata\ndata.txt\n');
  });
});

describe('files and commands in the sandbox', () => {
  test('writeFile after start is seen and can be changed by commands; their files read back', async () => {
    const projectDir = await makeProject({ 'package.json': '{}' });
    const sandbox = await sandboxFor(projectDir);
    await sandbox.writeFile('deep/new/file.txt', 'written by host');
    const result = await sandbox.executeCommand(
      'cat deep/new/file.txt && echo " and command" >> deep/new/file.txt && mkdir -p out && echo report > out/r.txt',
    );
    expect(result.stdout).toBe('written by host');
    expect(await sandbox.readFile('deep/new/file.txt')).toBe('written by host and command\n');
    expect(await sandbox.readFile(join(sandbox.workdir, 'out/r.txt'))).toBe('report\n');
    await sandbox.writeFile('deep/new/file.txt', new TextEncoder().encode('bytes'));
    expect(await sandbox.readFile('deep/new/file.txt')).toBe('bytes');
  });

  test('reading a missing file throws SandboxFileNotFoundError', async () => {
    const sandbox = await sandboxFor(await makeProject({ 'package.json': '{}' }));
    await expect(sandbox.readFile('nope.txt')).rejects.toBeInstanceOf(SandboxFileNotFoundError);
  });

  test('paths and planted links cannot lead outside the workspace', async () => {
    const sandbox = await sandboxFor(await makeProject({ 'package.json': '{}' }));
    await sandbox.executeCommand('ln -s /etc/hostname leak && ln -s /etc etc-dir');
    await expect(sandbox.readFile('../../../etc/hostname')).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    await expect(sandbox.readFile('/etc/hostname')).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    await expect(sandbox.readFile('leak')).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    await expect(sandbox.writeFile('leak', 'x')).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    await expect(sandbox.writeFile('etc-dir/ri-planted', 'x')).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
  });

  test('args are quoted, cwd and env apply, output streams as it comes', async () => {
    const projectDir = await makeProject({ 'package.json': '{}' });
    await mkdir(join(projectDir, 'sub'));
    await writeTree(projectDir, { 'sub/marker': '' });
    const sandbox = await sandboxFor(projectDir);
    const quoted = await sandbox.executeCommand("printf '%s|'", ['a b', "it's", '$HOME', '']);
    expect(quoted.stdout).toBe("a b|it's|$HOME||");
    expect(quoted).toMatchObject({ command: "printf '%s|'", args: ['a b', "it's", '$HOME', ''] });

    const chunks: string[] = [];
    const result = await sandbox.executeCommand('pwd; echo "$GREETING"; echo oops >&2; exit 3', [], {
      cwd: 'sub',
      env: { GREETING: 'hello' },
      onStderr: (chunk) => chunks.push(chunk),
    });
    expect(result).toMatchObject({ success: false, exitCode: 3, stdout: `${join(sandbox.workdir, 'sub')}\nhello\n`, stderr: 'oops\n' });
    expect(chunks.join('')).toBe('oops\n');
  });
});

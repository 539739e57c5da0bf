import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chooseSandboxKind, createSandbox } from '../../src/sandbox/create.ts';
import { E2BSandbox } from '../../src/sandbox/e2b.ts';
import { LocalSandbox } from '../../src/sandbox/local.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { type EnvdServer, startEnvdServer } from '../support/envd-server.ts';
import { makeProject, removeTempDirs } from './local-fixtures.ts';

describe('chooseSandboxKind', () => {
  test.each([
    { kind: 'auto', env: { E2B_API_KEY: 'e2b_x' }, chosen: 'e2b' },
    { kind: 'auto', env: { E2B_API_KEY: '  ' }, chosen: 'local' },
    { kind: 'auto', env: {}, chosen: 'local' },
    { kind: 'local', env: { E2B_API_KEY: 'e2b_x' }, chosen: 'local' },
    { kind: 'e2b', env: {}, chosen: 'e2b' },
  ] as const)('$kind with $env -> $chosen', ({ kind, env, chosen }) => {
    expect(chooseSandboxKind(kind, env)).toBe(chosen);
  });

  test('an explicit e2b.apiKey counts as configured', () => {
    expect(chooseSandboxKind('auto', {}, { apiKey: 'e2b_y' })).toBe('e2b');
  });
});

describe('createSandbox', () => {
  let server: EnvdServer;
  let projectDir: string;
  const created: Sandbox[] = [];

  beforeAll(async () => {
    server = await startEnvdServer();
    projectDir = await makeProject({ 'hello.txt': 'hello\n' });
  });

  afterAll(async () => {
    await Promise.all(created.map((sandbox) => sandbox.destroy()));
    await server.close();
    await removeTempDirs();
  });

  test('auto picks E2B when E2B_API_KEY is in the given env, and the key stays out of commands', async () => {
    const sandbox = await createSandbox({
      projectDir,
      env: { E2B_API_KEY: 'e2b_from_env', E2B_API_URL: server.apiUrl, E2B_SANDBOX_URL: server.sandboxUrl },
      e2b: { install: 'skip' },
    });
    created.push(sandbox);
    expect(sandbox).toBeInstanceOf(E2BSandbox);
    expect(server.sandboxIds()).toContain(sandbox.id);
    const probe = await sandbox.executeCommand('cat hello.txt; echo "${E2B_API_KEY-unset}"');
    expect(probe.stdout).toBe('hello\nunset\n');
  });

  test('auto falls back to the local sandbox without a key', async () => {
    const sandbox = await createSandbox({ projectDir, env: { E2B_API_KEY: '' } });
    created.push(sandbox);
    expect(sandbox).toBeInstanceOf(LocalSandbox);
    expect(await sandbox.readFile('hello.txt')).toBe('hello\n');
  });

  test('an unknown kind is rejected with one line', async () => {
    await expect(createSandbox({ projectDir, kind: 'docker' as never })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      message: 'unknown sandbox kind "docker" (expected auto, local or e2b)',
    });
  });
});

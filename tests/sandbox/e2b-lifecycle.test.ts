/**
 * What only the E2B sandbox does: start-up through the control plane (and its failures),
 * dependency install inside the VM, the VM's lifetime, debug mode, teardown of a running command.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createE2BSandbox, type E2BSandbox } from '../../src/sandbox/e2b.ts';
import type { E2BSettingsInput } from '../../src/sandbox/e2b-settings.ts';
import { SandboxError, SandboxUnavailableError } from '../../src/sandbox/errors.ts';
import { type EnvdServer, startEnvdServer } from '../support/envd-server.ts';
import { makeProject, removeTempDirs } from './local-fixtures.ts';

const API_KEY = 'e2b_lifecycle';
let server: EnvdServer;
let plainProject: string;

beforeAll(async () => {
  server = await startEnvdServer({ apiKey: API_KEY });
  plainProject = await makeProject({ 'README.md': '# plain\n' });
});

afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

const remote = (extra: E2BSettingsInput = {}): E2BSettingsInput => ({
  apiKey: API_KEY,
  apiUrl: server.apiUrl,
  sandboxUrl: server.sandboxUrl,
  install: 'skip',
  ...extra,
});

describe('start-up failures', () => {
  test('a rejected API key is SandboxUnavailableError and leaves no sandbox behind', async () => {
    const attempt = createE2BSandbox({ projectDir: plainProject, e2b: remote({ apiKey: 'e2b_wrong' }) });
    await expect(attempt).rejects.toBeInstanceOf(SandboxUnavailableError);
    await expect(attempt).rejects.toThrow(/credentials/);
    expect(server.sandboxIds()).toEqual([]);
  });

  test('an unreachable control plane is SandboxUnavailableError with the network reason', async () => {
    const gone = await startEnvdServer();
    await gone.close();
    const attempt = createE2BSandbox({ projectDir: plainProject, e2b: remote({ apiUrl: gone.apiUrl, sandboxUrl: gone.sandboxUrl }) });
    await expect(attempt).rejects.toBeInstanceOf(SandboxUnavailableError);
    await expect(attempt).rejects.toThrow(/E2B is unreachable .*ECONNREFUSED/);
  });

  test('an unknown template names the template', async () => {
    const attempt = createE2BSandbox({ projectDir: plainProject, e2b: remote({ template: 'no-such-template' }) });
    await expect(attempt).rejects.toThrow(/template 'no-such-template'/);
    expect(server.sandboxIds()).toEqual([]);
  });

  test('a missing project directory fails before any sandbox starts', async () => {
    const attempt = createE2BSandbox({ projectDir: join(plainProject, 'missing'), e2b: remote() });
    await expect(attempt).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
    expect(server.sandboxIds()).toEqual([]);
  });

  test('no API key at all is a one-line settings error', async () => {
    const attempt = createE2BSandbox({ projectDir: plainProject, env: { E2B_API_KEY: '' }, e2b: { apiUrl: server.apiUrl } });
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_OPTIONS', message: expect.stringContaining('E2B_API_KEY is not set') });
  });
});

describe('dependencies', () => {
  test('the upload never carries node_modules; `auto` installs them inside the sandbox', async () => {
    const projectDir = await makeProject({
      'package.json': JSON.stringify({ name: 'app', type: 'module', dependencies: { greeter: 'file:./vendor/greeter' } }),
      'vendor/greeter/package.json': JSON.stringify({ name: 'greeter', version: '1.0.0', main: 'index.js' }),
      'vendor/greeter/index.js': 'module.exports = (name) => `hi ${name}`;\n',
      'node_modules/host-only/index.js': 'host copy, must not travel\n',
    });
    const sandbox = await createE2BSandbox({ projectDir, e2b: remote({ install: 'auto' }) });
    try {
      const result = await sandbox.executeCommand("ls node_modules; node -e \"console.log(require('greeter')('vm'))\"");
      expect(result.stdout).toBe('greeter\nhi vm\n');
    } finally {
      await sandbox.destroy();
    }
  });

  test('a failing install is INSTALL_FAILED with its last line, and the sandbox is killed', async () => {
    const attempt = createE2BSandbox({ projectDir: plainProject, e2b: remote({ install: 'echo "registry unreachable" >&2; exit 3' }) });
    await expect(attempt).rejects.toMatchObject({
      code: 'INSTALL_FAILED',
      message: expect.stringMatching(/exit code 3\): registry unreachable$/),
    });
    expect(server.sandboxIds()).toEqual([]);
  });
});

describe('lifetime and teardown', () => {
  test('commands keep the VM alive; once idle past its lifetime it is gone', async () => {
    const lifetimeMs = 2_000;
    const sandbox = await createE2BSandbox({ projectDir: plainProject, e2b: remote({ lifetimeMs }) });
    try {
      // Twice the lifetime in all, never idle for long.
      const started = Date.now();
      while (Date.now() - started < 2 * lifetimeMs) {
        expect((await sandbox.executeCommand('true')).exitCode).toBe(0);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      await new Promise((resolve) => setTimeout(resolve, lifetimeMs + 500));
      await expect(sandbox.executeCommand('true')).rejects.toBeInstanceOf(SandboxUnavailableError);
    } finally {
      await sandbox.destroy();
    }
  });

  test('destroy ends a running command with a killed result, then the VM', async () => {
    const sandbox = await createE2BSandbox({ projectDir: plainProject, e2b: remote() });
    const running = sandbox.executeCommand('sleep 30');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await sandbox.destroy();
    await expect(running).resolves.toMatchObject({ killed: true, success: false, timedOut: false });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.sandboxIds()).not.toContain(sandbox.id);
    await expect(sandbox.readFile('README.md')).rejects.toBeInstanceOf(SandboxError);
  });
});

describe('debug mode (SDK talks to envd on localhost:49983, no control plane)', () => {
  let debugServer: EnvdServer;
  let sandbox: E2BSandbox;

  beforeAll(async () => {
    debugServer = await startEnvdServer({ port: 49983 });
    const projectDir = await makeProject({ 'src/a.txt': 'A\n', 'b.txt': 'B\n' });
    sandbox = await createE2BSandbox({ projectDir, env: { E2B_DEBUG: 'true' }, e2b: { install: 'skip' } });
  });

  afterAll(async () => {
    await sandbox.destroy();
    await debugServer.close();
  });

  test('runs commands with per-command envs and cleans its workdir on destroy', async () => {
    expect(sandbox.id).toBe('debug_sandbox_id');
    const result = await sandbox.executeCommand('cat src/a.txt b.txt; echo "$ONLY_HERE"', [], { env: { ONLY_HERE: 'per-command' } });
    expect(result.stdout).toBe('A\nB\nper-command\n');
    expect(existsSync(sandbox.workdir)).toBe(true);
    await sandbox.destroy();
    expect(existsSync(sandbox.workdir)).toBe(false);
  });
});

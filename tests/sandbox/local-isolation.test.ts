import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLocalSandbox, type LocalSandbox } from '../../src/sandbox/local.ts';
import { makeProject, makeTempDir, removeTempDirs, snapshotTree } from './local-fixtures.ts';

const SECRETS = {
  E2B_API_KEY: 'e2b-secret-value',
  OPENAI_API_KEY: 'sk-secret-value',
  MY_TOKEN: 'my-token-value',
  AWS_ACCESS_KEY_ID: 'aws-id-value',
  DB_PASSWORD: 'db-password-value',
};

describe('local sandbox under bubblewrap', () => {
  let projectDir: string;
  let sandbox: LocalSandbox;
  let before: Record<string, string>;

  beforeAll(async () => {
    Object.assign(process.env, SECRETS);
    projectDir = await makeProject({ 'package.json': '{"name":"p"}', 'src/a.js': 'export const a = 1;\n' }, { linkNodeModules: true });
    before = await snapshotTree(projectDir);
    sandbox = await createLocalSandbox({ projectDir, isolation: 'bwrap', env: { GITHUB_TOKEN: 'gh-token-value', VISIBLE: 'yes' } });
  });

  afterAll(async () => {
    for (const name of Object.keys(SECRETS)) delete process.env[name];
    await sandbox.destroy();
    await removeTempDirs();
  });

  test('reports bwrap isolation and runs in its workdir as an unprivileged user', async () => {
    expect(sandbox.isolation).toBe('bwrap');
    const result = await sandbox.executeCommand('pwd; id -u');
    const [pwd, uid] = result.stdout.trim().split('\n');
    expect(pwd).toBe(sandbox.workdir);
    expect(Number(uid)).not.toBe(0);
    expect(sandbox.workdir).not.toBe(projectDir);
  });

  test('has no network but loopback', async () => {
    const interfaces = await sandbox.executeCommand("tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '");
    expect(interfaces.stdout.trim().split('\n')).toEqual(['lo']);

    // With only loopback there is no route at all: the connect fails before any packet is sent.
    const connect = await sandbox.executeCommand('node', [
      '-e',
      "require('net').connect(9, '10.255.255.1').on('error', (e) => { console.log(e.code); process.exit(0) }).on('connect', () => console.log('CONNECTED'))",
    ]);
    expect(connect.stdout.trim()).toBe('ENETUNREACH');

    const loopback = await sandbox.executeCommand('node', [
      '-e',
      "const s = require('net').createServer((c) => c.end('pong')).listen(0, '127.0.0.1', () => require('net').connect(s.address().port, '127.0.0.1').on('data', (d) => { console.log(String(d)); process.exit(0) }))",
    ]);
    expect(loopback.stdout.trim()).toBe('pong');
  });

  test('cannot write outside the workspace; the host project stays unchanged', async () => {
    const hostTmpMarker = join(await makeTempDir(), 'visible-on-host');
    await writeFile(hostTmpMarker, 'host');
    const targets = [
      '/etc/ri-sandbox-test',
      join(projectDir, 'hacked.txt'),
      join(projectDir, 'src/a.js'),
      join(homedir(), 'ri-sandbox-test'),
      '/usr/ri-sandbox-test',
    ];
    for (const target of targets) {
      const result = await sandbox.executeCommand(`echo pwned > ${target}`);
      expect(result.success, target).toBe(false);
    }
    const hostTmp = await sandbox.executeCommand(`cat ${hostTmpMarker}`);
    expect(hostTmp.success).toBe(false);

    const inside = await sandbox.executeCommand('echo mine > src/a.js && echo new > new.txt && echo tmp > /tmp/t && cat /tmp/t');
    expect(inside.stdout).toBe('tmp\n');
    expect(await snapshotTree(projectDir)).toEqual(before);
  });

  test('cannot read files only root may read, nor see host processes', async () => {
    const shadow = await sandbox.executeCommand('cat /etc/shadow');
    expect(shadow.success).toBe(false);
    const processes = await sandbox.executeCommand("ls /proc | grep -c '^[0-9]'");
    expect(Number(processes.stdout.trim())).toBeLessThan(10);
  });

  test('sees no secrets in its environment, even ones passed explicitly', async () => {
    const result = await sandbox.executeCommand('env', [], { env: { PER_COMMAND: 'ok', STRIPE_SECRET: 'stripe-secret-value' } });
    expect(result.stdout).toContain('VISIBLE=yes');
    expect(result.stdout).toContain('PER_COMMAND=ok');
    for (const leaked of [...Object.keys(SECRETS), ...Object.values(SECRETS), 'GITHUB_TOKEN', 'gh-token-value', 'stripe-secret-value']) {
      expect(result.stdout).not.toContain(leaked);
    }
    // Nothing else of the host environment comes along either.
    expect(result.stdout).not.toMatch(/^(USER|SHELL|PWD_HOST|VITEST)=/m);
  });

  test('node_modules resolves but is read-only', async () => {
    const result = await sandbox.executeCommand('touch node_modules/ri-written; echo $?; test -d node_modules/vitest && echo found');
    expect(result.stdout.trim().split('\n')).toEqual(['1', 'found']);
  });
});

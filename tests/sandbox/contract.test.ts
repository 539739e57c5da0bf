/**
 * One contract, every sandbox: the local sandbox and the E2B sandbox (real `e2b` SDK against the
 * local envd server) must behave the same for everything the improvement loop relies on.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createE2BSandbox } from '../../src/sandbox/e2b.ts';
import { SandboxError, SandboxFileNotFoundError } from '../../src/sandbox/errors.ts';
import { createLocalSandbox } from '../../src/sandbox/local.ts';
import { shellQuote } from '../../src/sandbox/shell.ts';
import type { CreateSandboxOptions, Sandbox } from '../../src/sandbox/types.ts';
import { type EnvdServer, startEnvdServer } from '../support/envd-server.ts';
import { makeProject, REPO_NODE_MODULES, removeTempDirs, snapshotTree, spawnStormScript } from './local-fixtures.ts';

const MAX_OUTPUT = 64 * 1024;
const MAX_PROCESSES = 64;

const PROJECT = {
  'package.json': '{"name":"tiny","type":"module","scripts":{"test":"vitest run"}}\n',
  '.gitignore': 'ignored.log\n',
  'ignored.log': 'must not travel\n',
  'src/sum.js': 'export const sum = (a, b) => a + b;\n',
  'src/sum.test.js': [
    "import { expect, test } from 'vitest';",
    "import { sum } from './sum.js';",
    "test('adds', () => expect(sum(1, 2)).toBe(3));",
    '',
  ].join('\n'),
};

let server: EnvdServer;
let projectDir: string;

beforeAll(async () => {
  server = await startEnvdServer();
  projectDir = await makeProject(PROJECT, { linkNodeModules: true });
});

afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

interface Kind {
  name: string;
  create(options: CreateSandboxOptions): Promise<Sandbox>;
}

const kinds: Kind[] = [
  { name: 'local', create: (options) => createLocalSandbox(options) },
  {
    name: 'e2b (real SDK, local envd)',
    create: (options) =>
      createE2BSandbox({
        ...options,
        // The "VM" is this machine: its dependency install links the host's installed packages.
        e2b: {
          apiKey: 'e2b_test',
          apiUrl: server.apiUrl,
          sandboxUrl: server.sandboxUrl,
          install: `ln -s ${shellQuote(REPO_NODE_MODULES)} node_modules`,
        },
      }),
  },
];

const sandboxOptions = (): CreateSandboxOptions => ({
  projectDir,
  limits: { maxOutputBytes: MAX_OUTPUT, timeoutMs: 60_000, maxProcesses: MAX_PROCESSES },
  env: { GREETING: 'hello', OPENAI_API_KEY: 'sk-should-not-pass', DEPLOY_SECRET: 'nope' },
});

describe.each(kinds)('$name sandbox', (kind) => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await kind.create(sandboxOptions());
  });

  afterAll(async () => {
    await sandbox.destroy();
  });

  test('starts from a copy of the project without ignored files', async () => {
    expect(sandbox.workdir.startsWith('/')).toBe(true);
    expect(sandbox.workdir).not.toBe(projectDir);
    expect(await sandbox.readFile('src/sum.js')).toBe(PROJECT['src/sum.js']);
    await expect(sandbox.readFile('ignored.log')).rejects.toBeInstanceOf(SandboxFileNotFoundError);
  });

  test('writes and reads files, nested and binary, without touching the project', async () => {
    const before = await snapshotTree(projectDir);
    await sandbox.writeFile('notes/deep/ünï.txt', 'grüße ✓\n');
    await sandbox.writeFile('bytes.bin', new Uint8Array([104, 105, 10]));
    expect(await sandbox.readFile('notes/deep/ünï.txt')).toBe('grüße ✓\n');
    expect(await sandbox.readFile('bytes.bin')).toBe('hi\n');
    const listed = await sandbox.executeCommand('cat', ['notes/deep/ünï.txt']);
    expect(listed.stdout).toBe('grüße ✓\n');
    expect(await snapshotTree(projectDir)).toEqual(before);
  });

  test('a missing file is SandboxFileNotFoundError; paths cannot leave the workspace', async () => {
    const missing = sandbox.readFile('no/such/file.txt');
    await expect(missing).rejects.toBeInstanceOf(SandboxFileNotFoundError);
    await expect(missing).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(sandbox.writeFile('../escape.txt', 'x')).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    await expect(sandbox.readFile('/etc/passwd')).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
  });

  test('streams stdout and stderr chunks while the command still runs', async () => {
    const chunks: Array<{ stream: string; text: string; at: number }> = [];
    const result = await sandbox.executeCommand('echo first; echo warn >&2; sleep 1; echo last', [], {
      onStdout: (text) => chunks.push({ stream: 'stdout', text, at: Date.now() }),
      onStderr: (text) => chunks.push({ stream: 'stderr', text, at: Date.now() }),
    });
    const finishedAt = Date.now();
    const first = chunks.find((chunk) => chunk.text.includes('first'));
    expect(first?.stream).toBe('stdout');
    expect(finishedAt - first!.at).toBeGreaterThan(600);
    expect(chunks.some((chunk) => chunk.stream === 'stderr' && chunk.text.includes('warn'))).toBe(true);
    expect(result).toMatchObject({ success: true, exitCode: 0, stdout: 'first\nlast\n', stderr: 'warn\n', timedOut: false, killed: false });
  });

  test('reports exit codes, quotes arguments, honours cwd', async () => {
    expect(await sandbox.executeCommand('exit 7')).toMatchObject({ success: false, exitCode: 7, killed: false, timedOut: false });
    const printed = await sandbox.executeCommand('printf', ['%s|', 'a b', "it's", '$HOME']);
    expect(printed.stdout).toBe("a b|it's|$HOME|");
    const inSrc = await sandbox.executeCommand('pwd', [], { cwd: 'src' });
    expect(inSrc.stdout.trim()).toBe(`${sandbox.workdir}/src`);
  });

  test('a timeout kills the command and everything it started', async () => {
    const started = Date.now();
    const result = await sandbox.executeCommand('(sleep 1; echo late > late.txt) & sleep 30', [], { timeout: 400 });
    expect(result).toMatchObject({ success: false, timedOut: true, killed: true, exitCode: 124 });
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await expect(sandbox.readFile('late.txt')).rejects.toBeInstanceOf(SandboxFileNotFoundError);
  });

  test('what a finished command left running dies with it', async () => {
    const result = await sandbox.executeCommand('(sleep 1; echo late > leftover.txt) & echo started');
    expect(result).toMatchObject({ success: true, stdout: 'started\n' });
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await expect(sandbox.readFile('leftover.txt')).rejects.toBeInstanceOf(SandboxFileNotFoundError);
  });

  test('the process limit refuses a spawn storm', async () => {
    const result = await sandbox.executeCommand('node', ['-e', spawnStormScript(300)], { timeout: 20_000 });
    const { started, refused } = JSON.parse(result.stdout) as { started: number; refused: number };
    expect(refused).toBeGreaterThan(0);
    expect(started).toBeLessThan(MAX_PROCESSES);
    expect(started + refused).toBe(300);
  });

  test('an abort signal stops the command', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const result = await sandbox.executeCommand('sleep 30', [], { abortSignal: controller.signal });
    expect(result).toMatchObject({ success: false, timedOut: false, killed: true });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('keeps the tail of a flood of output and reports what it dropped', async () => {
    const total = 200_000;
    const result = await sandbox.executeCommand(`head -c ${total} /dev/zero | tr '\\0' a; echo END`);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toHaveLength(MAX_OUTPUT);
    expect(result.stdout.endsWith('aEND\n')).toBe(true);
    expect(result).toMatchObject({ stdoutTruncated: true, stdoutDroppedBytes: total + 4 - MAX_OUTPUT, stderrTruncated: false });
  });

  test('passes given environment through, scrubs secrets, leaks nothing from the host', async () => {
    process.env.HOST_ONLY_VALUE = 'host';
    try {
      const probe =
        'echo "$GREETING|$PER_COMMAND|${OPENAI_API_KEY-unset}|${DEPLOY_SECRET-unset}|${GITHUB_TOKEN-unset}|${HOST_ONLY_VALUE-unset}"';
      const result = await sandbox.executeCommand(probe, [], { env: { PER_COMMAND: 'yes', GITHUB_TOKEN: 'ghp_x' } });
      expect(result.stdout.trim()).toBe('hello|yes|unset|unset|unset|unset');
    } finally {
      delete process.env.HOST_ONLY_VALUE;
    }
  });

  test('runs the project tests with a real `npx vitest run`, and sees a written change', async () => {
    const green = await sandbox.executeCommand('npx vitest run', [], { timeout: 60_000 });
    expect(green.exitCode, `${green.stdout}\n${green.stderr}`).toBe(0);
    expect(green.stdout).toMatch(/Tests\s+1 passed/);
    await sandbox.writeFile('src/sum.js', 'export const sum = (a, b) => a - b;\n');
    const red = await sandbox.executeCommand('npx vitest run', [], { timeout: 60_000 });
    expect(red.exitCode).toBe(1);
    expect(red.stdout).toMatch(/Tests\s+1 failed/);
    expect(await snapshotTree(projectDir)).toMatchObject({ [`${projectDir}/src/sum.js`]: PROJECT['src/sum.js'] });
  });

  test('destroy is idempotent and the sandbox is unusable afterwards', async () => {
    const doomed = await kind.create(sandboxOptions());
    await Promise.all([doomed.destroy(), doomed.destroy()]);
    await doomed.destroy();
    expect(doomed.status).toBe('destroyed');
    await expect(doomed.executeCommand('true')).rejects.toBeInstanceOf(SandboxError);
    await expect(doomed.executeCommand('true')).rejects.toMatchObject({ code: 'DESTROYED' });
  });
});

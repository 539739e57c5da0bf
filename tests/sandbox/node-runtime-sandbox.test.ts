import { execFileSync } from 'node:child_process';
import { chmod, mkdir, symlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import semver from 'semver';
import { afterAll, describe, expect, test } from 'vitest';
import { describe as describeEvent } from '../../src/cli/render.ts';
import { renderSummary } from '../../src/loop/artifacts.ts';
import { summarizeSuite } from '../../src/loop/stored.ts';
import type { LocalIsolationRequest } from '../../src/sandbox/isolation.ts';
import { createLocalSandbox, type LocalSandbox } from '../../src/sandbox/local.ts';
import { sandboxNode } from '../../src/sandbox/sandbox-node.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { fromWorkspaceSandbox } from '../../src/sandbox/workspace-adapter.ts';
import { installWorkerScripts, WORKER_STATE_DIR } from '../../src/suggest/repair/validate/scripts/install.ts';
import { runTests } from '../../src/testing/run-tests.ts';
import { makeProject, REPO_NODE_MODULES, removeTempDirs } from './local-fixtures.ts';

const sandboxes: LocalSandbox[] = [];
afterAll(async () => {
  await Promise.all(sandboxes.map((sandbox) => sandbox.destroy()));
  await removeTempDirs();
});

async function sandboxFor(projectDir: string, isolation: LocalIsolationRequest = 'auto'): Promise<LocalSandbox> {
  const sandbox = await createLocalSandbox({ projectDir, isolation });
  sandboxes.push(sandbox);
  return sandbox;
}

async function nodeVersionIn(sandbox: Sandbox): Promise<string> {
  const result = await sandbox.executeCommand('node', ['--version']);
  expect(result.exitCode).toBe(0);
  return result.stdout.trim();
}

/** The user's `node` on this machine: the first on PATH once npm's additions (vitest runs under npx) are left out. */
const machinePath = (process.env.PATH ?? '')
  .split(':')
  .filter((dir) => !dir.includes('node_modules'))
  .join(':');
const machineNodeVersion = execFileSync('node', ['--version'], { env: { PATH: machinePath }, encoding: 'utf8' }).trim();
const machineNodePath = execFileSync('bash', ['-c', 'command -v node'], { env: { PATH: machinePath }, encoding: 'utf8' }).trim();

describe('the Node a local sandbox runs a project on', () => {
  test("a project that asks nothing runs on the machine's node, not on the tool's own", async () => {
    const sandbox = await sandboxFor(await makeProject({ 'package.json': '{"name":"plain"}' }));
    expect(await nodeVersionIn(sandbox)).toBe(machineNodeVersion);
    expect(sandbox.node.version).toBe(machineNodeVersion);
    expect(sandbox.node.source).toMatch(/^the machine's node at \//);
    if (machineNodeVersion !== process.version) expect(await nodeVersionIn(sandbox)).not.toBe(process.version);
  });

  test('a project whose engines the machine cannot meet runs on a Node that does, and says which', async () => {
    const sandbox = await sandboxFor(await makeProject({ 'package.json': JSON.stringify({ engines: { node: '>=22' } }) }));
    const version = await nodeVersionIn(sandbox);
    expect(semver.satisfies(version, '>=22')).toBe(true);
    expect(sandbox.node.version).toBe(version);
    if (!semver.satisfies(machineNodeVersion, '>=22')) {
      expect(sandbox.node.source).toContain(`package.json engines >=22, which the machine's ${machineNodeVersion} does not meet`);
    }
    // The chosen Node's directory is shown read-only, and nothing more of the tree it is in.
    if (sandbox.isolation === 'bwrap') {
      const nodeDir = (await sandbox.executeCommand('dirname "$(readlink -f "$(command -v node)")"')).stdout.trim();
      expect((await sandbox.executeCommand('touch', [join(nodeDir, 'ri-written')])).stderr).toContain('Read-only file system');
      expect((await sandbox.executeCommand('ls', ['-A', dirname(nodeDir)])).stdout.trim()).toBe(basename(nodeDir));
    }
  });

  // Without bubblewrap nothing is mounted: PATH alone decides.
  test('unisolated, the same Nodes run', async () => {
    const plain = await sandboxFor(await makeProject({ 'package.json': '{"name":"plain"}' }), 'none');
    expect(await nodeVersionIn(plain)).toBe(machineNodeVersion);
    const asking = await sandboxFor(await makeProject({ 'package.json': JSON.stringify({ engines: { node: '>=22' } }) }), 'none');
    expect(await nodeVersionIn(asking)).toBe(asking.node.version);
    expect(semver.satisfies(asking.node.version!, '>=22')).toBe(true);
  });

  test("a project whose engines the machine meets runs on the machine's node", async () => {
    const range = `>=${semver.major(machineNodeVersion)}`;
    const sandbox = await sandboxFor(await makeProject({ 'package.json': JSON.stringify({ engines: { node: range } }) }));
    expect(await nodeVersionIn(sandbox)).toBe(machineNodeVersion);
    expect(sandbox.node.source).toBe(`the machine's node at ${machineNodePath}; package.json engines ${range}`);
  });

  test('a project that installs its own Node (node_modules/.bin/node) runs on it', async () => {
    const project = await makeProject({
      'package.json': JSON.stringify({ engines: { node: '>=22' } }),
      'node_modules/node/package.json': JSON.stringify({ name: 'node', version: '18.99.0', bin: { node: 'bin/node' } }),
      'node_modules/node/bin/node': '#!/bin/sh\necho v18.99.0\n',
    });
    await chmod(join(project, 'node_modules/node/bin/node'), 0o755);
    await mkdir(join(project, 'node_modules/.bin'));
    await symlink('../node/bin/node', join(project, 'node_modules/.bin/node'));
    const sandbox = await sandboxFor(project);
    expect(await nodeVersionIn(sandbox)).toBe('v18.99.0');
    expect(sandbox.node).toEqual({
      version: 'v18.99.0',
      source: "the project's own node_modules/.bin/node; package.json engines >=22, not met",
    });
  });
});

test("the repair validator's scripts install as plain ES modules that the project's Node parses, whatever its version", async () => {
  const sandbox = await sandboxFor(await makeProject({ 'package.json': '{"name":"plain"}' }));
  const installed = await installWorkerScripts(sandbox);
  expect(installed.args).toEqual([`${WORKER_STATE_DIR}/worker.mjs`]);
  for (const script of ['worker.mjs', 'coverage-setup.mjs']) {
    const checked = await sandbox.executeCommand('node', ['--check', `${WORKER_STATE_DIR}/${script}`]);
    expect(checked.stderr, script).toBe('');
    expect(checked.exitCode, script).toBe(0);
  }
  expect(await sandbox.readFile(`${WORKER_STATE_DIR}/worker.mjs`)).not.toMatch(/\bimport type\b|from '\.\/protocol/);
  expect(await nodeVersionIn(sandbox)).toBe(machineNodeVersion);
});

describe('test reports name the Node', () => {
  const repoNodeVersion = execFileSync(join(REPO_NODE_MODULES, '.bin/node'), ['--version'], { encoding: 'utf8' }).trim();

  test("runTests' report carries the sandbox's Node, and the CLI and summary.md show it", async () => {
    const project = await makeProject(
      {
        'package.json': JSON.stringify({ type: 'module', scripts: { test: 'vitest run' } }),
        'tests/one.test.ts': "import { expect, test } from 'vitest';\ntest('one', () => expect(1).toBe(1));\n",
      },
      { linkNodeModules: true },
    );
    const sandbox = await sandboxFor(project);
    const report = await runTests(sandbox);
    expect(report.error).toBeUndefined();
    expect(report.node).toEqual({ version: repoNodeVersion, source: "the project's own node_modules/.bin/node" });

    // Only the baseline's summary names the Node: every later run of the loop uses the same one.
    const suite = summarizeSuite(report, { node: true });
    const retest = summarizeSuite(report);
    expect(retest.node).toBeUndefined();
    const line = `  tests run on Node ${repoNodeVersion} (the project's own node_modules/.bin/node)`;
    expect(describeEvent({ type: 'test-run', phase: 'baseline', iteration: 0, suite, v: 1 })?.split('\n')[1]).toBe(line);
    expect(describeEvent({ type: 'test-run', phase: 'retest', iteration: 1, suite: retest, v: 1 })).not.toContain('tests run on');
    const summary = renderSummary({
      version: 1,
      runId: 'r',
      status: 'green',
      stopReason: 'green',
      iterations: 0,
      baseline: suite,
      final: suite,
      findings: [],
      accepted: [],
      rejected: [],
      timings: { totalMs: 1, testMs: 1, suggestMs: 0 },
      tokensUsed: 0,
      writeMode: 'dry-run',
      written: [],
      artifactsDir: '/nowhere',
    });
    expect(summary.split('\n')).toContain(`- Node: ${repoNodeVersion} (the project's own node_modules/.bin/node)`);
  });

  test('a sandbox that cannot say is asked once, by running node in it', async () => {
    const local = await sandboxFor(await makeProject({ 'package.json': '{"name":"plain"}' }));
    const adapted = fromWorkspaceSandbox(local, { workdir: local.workdir });
    expect(adapted.node).toBeUndefined();
    const asked = sandboxNode(adapted);
    expect(sandboxNode(adapted)).toBe(asked);
    expect(await asked).toEqual({ version: machineNodeVersion, source: "the sandbox's node" });
    const report = await runTests(adapted, { testCommand: 'true' });
    expect(report.node).toEqual({ version: machineNodeVersion, source: "the sandbox's node" });
  });
});

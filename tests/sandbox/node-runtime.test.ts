import { chmod, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findInstalledNodes, readNodeRequirements } from '../../src/sandbox/node-installs.ts';
import { chooseNode, type InstalledNode, type NodeRequirement, pinRange } from '../../src/sandbox/node-runtime.ts';
import { makeTempDir, removeTempDirs, writeTree } from './local-fixtures.ts';

afterAll(removeTempDirs);

/**
 * A stand-in for a Node install on this machine: prints what a real one prints to the probe (its
 * version and binary), and fails on NODE_OPTIONS as an older Node does on an option it does not know.
 */
const fakeNode = (version: string) => `#!/bin/sh\n[ -z "$NODE_OPTIONS" ] || exit 9\necho "${version} $(realpath "$0")"\n`;

async function writeExecutables(root: string, files: Record<string, string>): Promise<void> {
  await writeTree(root, files);
  for (const path of Object.keys(files)) await chmod(join(root, path), 0o755);
}

describe('the Nodes installed on a machine', () => {
  let root: string;
  let installed: InstalledNode[];

  beforeAll(async () => {
    root = await makeTempDir('ri-nodes-');
    await writeExecutables(root, {
      'project/node_modules/.bin/node': fakeNode('v99.0.0'),
      'npm/node_modules/@npmcli/run-script/lib/node-gyp-bin/node': fakeNode('v98.0.0'),
      'usr-local/bin/node': fakeNode('v20.1.0'),
      'opt/bin/node': fakeNode('v16.0.0'),
      'broken/bin/node': '#!/bin/sh\nexit 1\n',
      'home/.nvm/versions/node/v22.3.0/bin/node': fakeNode('v22.3.0'),
      'home/.local/share/fnm/node-versions/v18.20.0/installation/bin/node': fakeNode('v18.20.0'),
      'home/.volta/tools/image/node/21.0.0/bin/node': fakeNode('v21.0.0'),
      'n-prefix/n/versions/node/23.1.0/bin/node': fakeNode('v23.1.0'),
      'home/.asdf/installs/nodejs/19.0.0/bin/node': fakeNode('v19.0.0'),
    });
    await writeTree(root, { 'plain/node': 'not executable' });
    // A link on PATH to a version manager's Node is that Node, found once.
    await writeTree(root, { 'linked/.keep': '' });
    await symlink(join(root, 'home/.nvm/versions/node/v22.3.0/bin/node'), join(root, 'linked/node'));
    const path = [
      join(root, 'project/node_modules/.bin'),
      join(root, 'npm/node_modules/@npmcli/run-script/lib/node-gyp-bin'),
      'relative/bin',
      join(root, 'broken/bin'),
      join(root, 'plain'),
      join(root, 'usr-local/bin'),
      join(root, 'linked'),
      join(root, 'opt/bin'),
    ].join(':');
    installed = await findInstalledNodes({
      path,
      home: join(root, 'home'),
      env: { N_PREFIX: join(root, 'n-prefix'), NODE_OPTIONS: '--experimental-strip-types' },
    });
  });

  test("PATH's Nodes come first in its order, skipping what npm puts in front, then version managers' installs", () => {
    expect(installed.map(({ origin, version }) => `${origin} ${version}`)).toEqual([
      'path v20.1.0',
      'path v22.3.0',
      'path v16.0.0',
      'fnm v18.20.0',
      'volta v21.0.0',
      'n v23.1.0',
      'asdf v19.0.0',
    ]);
  });

  test('each is known by where it was found and by its real binary', () => {
    expect(installed[1]).toEqual({
      path: join(root, 'linked/node'),
      binary: join(root, 'home/.nvm/versions/node/v22.3.0/bin/node'),
      version: 'v22.3.0',
      origin: 'path',
    });
  });
});

describe('what a project asks of Node', () => {
  test('a pin stands for its major line; names of no line ask nothing', () => {
    expect(pinRange('20\n')).toEqual({ stated: '20', range: '20.x' });
    expect(pinRange('v20.11.0')).toEqual({ stated: 'v20.11.0', range: '20.x' });
    expect(pinRange('# the CI one\nlts/Iron\n')).toEqual({ stated: 'lts/Iron', range: '20.x' });
    for (const none of ['lts/*', 'node', 'system', '', 'lts/unknown']) expect(pinRange(none)).toBeUndefined();
  });

  test('pins, engines, and the engines of the test runners it depends on, not of others it happens to have', async () => {
    const project = await makeTempDir('ri-asks-');
    await writeTree(project, {
      '.nvmrc': 'v20.11.0\n',
      '.node-version': 'not a version\n',
      'package.json': JSON.stringify({ engines: { node: '>=18.0.0' }, devDependencies: { vitest: '^5.0.0' } }),
      'node_modules/vitest/package.json': JSON.stringify({ engines: { node: '^22.12.0 || ^24.0.0 || >=26' } }),
      'node_modules/mocha/package.json': JSON.stringify({ engines: { node: '>= 18.18' } }),
    });
    expect(await readNodeRequirements(project, join(project, 'node_modules'))).toEqual([
      { from: '.nvmrc', stated: 'v20.11.0', range: '20.x', runner: false },
      { from: 'package.json engines', stated: '>=18.0.0', range: '>=18.0.0', runner: false },
      { from: "vitest's engines", stated: '^22.12.0 || ^24.0.0 || >=26', range: '^22.12.0 || ^24.0.0 || >=26', runner: true },
    ]);
  });

  test('an engines value semver cannot read, or none at all, asks nothing', async () => {
    const project = await makeTempDir('ri-asks-');
    await writeTree(project, { 'package.json': JSON.stringify({ engines: { node: 'latest please' }, dependencies: { jest: '30' } }) });
    expect(await readNodeRequirements(project, undefined)).toEqual([]);
  });
});

describe('choosing the Node', () => {
  const node = (origin: InstalledNode['origin'], version: string, path = `/${origin}/${version}/bin/node`): InstalledNode => ({
    path,
    binary: path,
    version,
    origin,
  });
  const user = node('path', 'v20.20.2', '/usr/bin/node');
  const installed = [
    user,
    node('path', 'v16.0.0', '/opt/bin/node'),
    node('nvm', 'v22.3.0'),
    node('nvm', 'v23.1.0'),
    node('fnm', 'v18.20.0'),
  ];
  const own = node('own', 'v24.21.0', '/tool/node_modules/node/bin/node');
  const engines = (range: string): NodeRequirement => ({ from: 'package.json engines', stated: range, range, runner: false });
  const runner = (range: string): NodeRequirement => ({ from: "vitest's engines", stated: range, range, runner: true });

  test("nothing asked: the user's node", () => {
    expect(chooseNode({ installed, own, requirements: [] })).toEqual({
      binary: '/usr/bin/node',
      version: 'v20.20.2',
      source: "the machine's node at /usr/bin/node",
    });
  });

  test("the user's node when it satisfies what is asked", () => {
    expect(chooseNode({ installed, own, requirements: [engines('>=18'), runner('^18.18 || ^20.9 || >=21.1')] })).toEqual({
      binary: '/usr/bin/node',
      version: 'v20.20.2',
      source: "the machine's node at /usr/bin/node; package.json engines >=18; vitest's engines ^18.18 || ^20.9 || >=21.1",
    });
  });

  test("else the highest installed that does, saying why the user's was passed over", () => {
    expect(chooseNode({ installed, own, requirements: [engines('>=22')] })).toEqual({
      binary: '/nvm/v23.1.0/bin/node',
      version: 'v23.1.0',
      source: "nvm's node at /nvm/v23.1.0/bin/node; package.json engines >=22, which the machine's v20.20.2 does not meet",
    });
    expect(chooseNode({ installed, own, requirements: [engines('16.x')] }).source).toBe(
      "the node at /opt/bin/node on PATH; package.json engines 16.x, which the machine's v20.20.2 does not meet",
    );
  });

  test('its own Node only when no Node on the machine satisfies them, and it says so', () => {
    expect(chooseNode({ installed, own, requirements: [runner('^22.12.0 || ^24.0.0 || >=26')] })).toEqual({
      binary: own.binary,
      version: 'v24.21.0',
      source:
        "recursive-improve's own Node at /tool/node_modules/node/bin/node; vitest's engines ^22.12.0 || ^24.0.0 || >=26, which the machine's v20.20.2 does not meet",
    });
  });

  test("the runner's range outweighs the project's when nothing satisfies both", () => {
    const choice = chooseNode({ installed, own, requirements: [engines('18.x'), runner('>=22.12')] });
    expect(choice.version).toBe('v23.1.0');
    expect(choice.source).toBe(
      "nvm's node at /nvm/v23.1.0/bin/node; package.json engines 18.x, not met; vitest's engines >=22.12, which the machine's v20.20.2 does not meet",
    );
  });

  test("nothing satisfies even the runner: the user's node, marked", () => {
    expect(chooseNode({ installed, own, requirements: [runner('>=30')] })).toMatchObject({
      version: 'v20.20.2',
      source: "the machine's node at /usr/bin/node; vitest's engines >=30, not met",
    });
  });

  test('no node on PATH: the highest installed, or else its own', () => {
    const managed = installed.filter((n) => n.origin !== 'path');
    expect(chooseNode({ installed: managed, own, requirements: [] }).version).toBe('v23.1.0');
    expect(chooseNode({ installed: [], own, requirements: [] })).toEqual({
      binary: own.binary,
      version: 'v24.21.0',
      source: "recursive-improve's own Node at /tool/node_modules/node/bin/node",
    });
  });

  test("running on the user's node, its own is the user's", () => {
    const sameAsUser = { ...own, path: '/usr/bin/node', binary: '/usr/bin/node', version: 'v20.20.2' };
    expect(chooseNode({ installed, own: sameAsUser, requirements: [runner('>=30')] }).source).toBe(
      "the machine's node at /usr/bin/node; vitest's engines >=30, not met",
    );
  });

  test('a Node the project installs itself wins, whatever is asked', () => {
    expect(chooseNode({ projectNode: { version: 'v18.0.0' }, installed, own, requirements: [engines('>=22')] })).toEqual({
      version: 'v18.0.0',
      source: "the project's own node_modules/.bin/node; package.json engines >=22, not met",
    });
    expect(chooseNode({ projectNode: {}, installed, own, requirements: [engines('>=22')] })).toEqual({
      source: "the project's own node_modules/.bin/node; package.json engines >=22",
    });
  });
});

/**
 * What the choice of a project's Node (node-runtime.ts) is made from, read from the host: the Nodes
 * installed on this machine, the project's own `node_modules/.bin/node`, and the ranges the
 * project states.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, isAbsolute, join } from 'node:path';
import semver from 'semver';
import { z } from 'zod';
import { nodeInstallDir } from './filesystem-view.ts';
import { chooseNode, engineRange, type InstalledNode, type NodeOrigin, type NodeRequirement, pinRange } from './node-runtime.ts';
import type { SandboxNode } from './types.ts';

/** Where to look for Nodes. */
export interface NodeSearch {
  /** The user's PATH. */
  path: string | undefined;
  home: string;
  /** Read for version managers' directories (NVM_DIR, ...); the probed binaries run with it. */
  env: Record<string, string | undefined>;
}

/** Each version manager's directory of installs, and where `node` sits in one install. */
function managerInstalls({ home, env }: NodeSearch): Array<{ origin: NodeOrigin; dir: string; bin: string }> {
  const data = env.XDG_DATA_HOME ?? join(home, '.local/share');
  return [
    { origin: 'nvm', dir: join(env.NVM_DIR ?? join(home, '.nvm'), 'versions/node'), bin: 'bin/node' },
    { origin: 'fnm', dir: join(env.FNM_DIR ?? join(data, 'fnm'), 'node-versions'), bin: 'installation/bin/node' },
    { origin: 'volta', dir: join(env.VOLTA_HOME ?? join(home, '.volta'), 'tools/image/node'), bin: 'bin/node' },
    { origin: 'n', dir: join(env.N_PREFIX ?? '/usr/local', 'n/versions/node'), bin: 'bin/node' },
    { origin: 'asdf', dir: join(env.ASDF_DATA_DIR ?? join(home, '.asdf'), 'installs/nodejs'), bin: 'bin/node' },
  ];
}

/**
 * The user's PATH without what npm puts in front of it when it runs a script (every
 * `node_modules/.bin` up the tree, its `node-gyp-bin`): run through `npm run` or `npx`, this tool
 * would otherwise take its own bundled Node for the user's. Relative entries name no fixed place.
 */
function userPathDirs(path: string | undefined): string[] {
  const dirs = (path ?? '')
    .split(delimiter)
    .filter((dir) => isAbsolute(dir) && !dir.split('/').includes('node_modules') && basename(dir) !== 'node-gyp-bin');
  return [...new Set(dirs)];
}

/** Printed by a probed Node: its version and its own binary (through any link or version manager's shim). */
const PROBE = 'process.stdout.write(process.version + " " + process.execPath)';
const PROBE_TIMEOUT_MS = 10_000;

function probeNode(path: string, origin: NodeOrigin, search: NodeSearch): Promise<InstalledNode | undefined> {
  // Options meant for this tool's Node may be unknown to an older one, which would then not start.
  const { NODE_OPTIONS: _, ...env } = search.env;
  return new Promise((resolve) => {
    execFile(path, ['-e', PROBE], { env, cwd: '/', timeout: PROBE_TIMEOUT_MS }, (error, stdout) => {
      const [, version, reported] = /^(v\S+) (\/.*)$/.exec(stdout.trim()) ?? [];
      if (error || !version || !reported || !semver.valid(version)) return resolve(undefined);
      realpath(reported).then(
        (binary) => resolve({ path, binary, version, origin }),
        () => resolve(undefined),
      );
    });
  });
}

/** The Nodes that run on this machine: those on the user's PATH in its order, then version managers' installs; each binary once. */
export async function findInstalledNodes(search: NodeSearch): Promise<InstalledNode[]> {
  const onPath = userPathDirs(search.path).map((dir) => ({ path: join(dir, 'node'), origin: 'path' as NodeOrigin }));
  const managed = await Promise.all(
    managerInstalls(search).map(async ({ origin, dir, bin }) =>
      (await readdir(dir).catch(() => [])).sort().map((version) => ({ path: join(dir, version, bin), origin })),
    ),
  );
  const probed = await Promise.all([...onPath, ...managed.flat()].map(({ path, origin }) => probeNode(path, origin, search)));
  const byBinary = new Map<string, InstalledNode>();
  for (const node of probed) if (node && !byBinary.has(node.binary)) byBinary.set(node.binary, node);
  return [...byBinary.values()];
}

let machineOnce: Promise<InstalledNode[]> | undefined;
/** This machine's Nodes, looked for once per process. */
function machineNodes(): Promise<InstalledNode[]> {
  machineOnce ??= findInstalledNodes({ path: process.env.PATH, home: homedir(), env: process.env });
  return machineOnce;
}

const ownNode = (): InstalledNode => ({ path: process.execPath, binary: process.execPath, version: process.version, origin: 'own' });

/** The fields of a package.json read here; anything else in it, or a field of another shape, is ignored. */
const PackageJsonSchema = z.object({
  name: z.string().optional().catch(undefined),
  version: z.string().optional().catch(undefined),
  engines: z.object({ node: z.unknown() }).partial().optional().catch(undefined),
  dependencies: z.record(z.string(), z.unknown()).optional().catch(undefined),
  devDependencies: z.record(z.string(), z.unknown()).optional().catch(undefined),
});
type PackageJson = z.infer<typeof PackageJsonSchema>;

async function readPackageJson(file: string): Promise<PackageJson | undefined> {
  try {
    return PackageJsonSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return undefined;
  }
}

/** Version managers' pin files, read in the project's root. */
const PIN_FILES = ['.nvmrc', '.node-version'];
/** Test runners whose own `engines.node` a project's suite is bound by, when the project depends on them. */
const TEST_RUNNERS = ['vitest', 'jest', 'mocha'];

/** The Node ranges a project states, and those of the test runners it depends on (installed in `nodeModules`). */
export async function readNodeRequirements(projectDir: string, nodeModules: string | undefined): Promise<NodeRequirement[]> {
  const pins = await Promise.all(
    PIN_FILES.map(async (from) => {
      const pin = pinRange(await readFile(join(projectDir, from), 'utf8').catch(() => ''));
      return pin ? [{ from, ...pin, runner: false }] : [];
    }),
  );
  const pkg = await readPackageJson(join(projectDir, 'package.json'));
  const engines = engineRange(pkg?.engines?.node);
  const declared = TEST_RUNNERS.filter((name) => pkg?.dependencies?.[name] !== undefined || pkg?.devDependencies?.[name] !== undefined);
  const runners = await Promise.all(
    declared.map(async (name) => {
      const range = nodeModules && engineRange((await readPackageJson(join(nodeModules, name, 'package.json')))?.engines?.node);
      return range ? [{ from: `${name}'s engines`, stated: range, range, runner: true }] : [];
    }),
  );
  return [
    ...pins.flat(),
    ...(engines ? [{ from: 'package.json engines', stated: engines, range: engines, runner: false }] : []),
    ...runners.flat(),
  ];
}

/**
 * The project's own `node_modules/.bin/node`, with its version when the `node` package (whose
 * version is Node's) provides it. Never run on the host: it is the project's code. A link out of
 * `node_modules` does not count, as bwrap shows `node_modules` alone.
 */
async function findProjectNode(nodeModules: string): Promise<{ version?: string } | undefined> {
  const binary = await realpath(join(nodeModules, '.bin', 'node')).catch(() => undefined);
  if (!binary?.startsWith(`${nodeModules}/`)) return undefined;
  for (let dir = dirname(binary); dir.startsWith(`${nodeModules}/`); dir = dirname(dir)) {
    const pkg = await readPackageJson(join(dir, 'package.json'));
    if (pkg) return pkg.name === 'node' && semver.valid(pkg.version ?? '') ? { version: `v${pkg.version}` } : {};
  }
  return {};
}

/** How a local sandbox runs the Node chosen for its project. */
export interface NodeSetup {
  node: SandboxNode;
  /** Host directory of the chosen `node`, first on PATH after the project's `node_modules/.bin`; absent for the project's own, found there. */
  binDir?: string;
  /** Host directory a bwrap sandbox shows read-only so that the chosen `node` runs; absent when the system view shows it. */
  installDir?: string;
}

/** The Node a project's commands run on (see node-runtime.ts for the order of choice). */
export async function nodeForProject(projectDir: string, nodeModules: string | undefined): Promise<NodeSetup> {
  const projectNode = nodeModules ? await findProjectNode(nodeModules) : undefined;
  const [requirements, installed] = await Promise.all([readNodeRequirements(projectDir, nodeModules), projectNode ? [] : machineNodes()]);
  const { binary, version, source } = chooseNode({ ...(projectNode ? { projectNode } : {}), installed, own: ownNode(), requirements });
  const node = { ...(version ? { version } : {}), source };
  if (!binary) return { node };
  const installDir = nodeInstallDir(binary);
  return { node, binDir: dirname(binary), ...(installDir ? { installDir } : {}) };
}

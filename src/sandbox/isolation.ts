import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { SandboxUnavailableError } from './errors.ts';

/** How a local sandbox confines its commands, strongest first. */
export type LocalIsolation = 'bwrap' | 'unshare' | 'none';
export type LocalIsolationRequest = 'auto' | LocalIsolation;

/** A host user that owns nothing else: the sandbox's processes run as it when we are root. */
export interface HostUser {
  uid: number;
  gid: number;
}

/** Everything needed to turn one command into the host command line that confines it. */
export interface LaunchPlan {
  isolation: LocalIsolation;
  tools: HostTools;
  /** The writable project copy; the same path inside and outside the sandbox. */
  workdir: string;
  cwd: string;
  /** Host `node_modules` to expose read-only at `<workdir>/node_modules` (bwrap mounts it there). */
  nodeModules?: string;
  /** Host directories that must stay visible read-only at their own path (e.g. Node's bin dir). */
  readOnlyDirs: string[];
  /** Host directories hidden behind an empty tmpfs (the host user's home). */
  hiddenDirs: string[];
  /** Set when we are root: the sandbox drops to this user so that RLIMIT_NPROC applies. */
  runAs?: HostUser;
  maxProcesses: number;
  /** The command line given to `bash -c`. */
  script: string;
}

/** A host command ready for `spawn`. */
export interface Launch {
  file: string;
  args: string[];
  cwd: string;
}

/** Absolute paths of the host programs isolation relies on; missing ones are undefined. */
export interface HostTools {
  bwrap?: string;
  unshare?: string;
  setpriv?: string;
  prlimit?: string;
  bash: string;
}

/** The private /tmp every bwrap sandbox gets; also where HOME points inside it. */
export const SANDBOX_TMP = '/tmp';
/** Shared memory, private and writable too (browsers need it). */
const SANDBOX_SHM = '/dev/shm';

const CONFINED_NAMESPACES = ['--unshare-pid', '--unshare-net', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try'];

async function findProgram(name: string): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/bin', '/usr/bin', '/bin', '/usr/sbin', '/sbin'];
  for (const dir of dirs.filter(Boolean)) {
    const candidate = join(dir, name);
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return undefined;
}

let toolsOnce: Promise<HostTools> | undefined;
export function hostTools(): Promise<HostTools> {
  toolsOnce ??= (async () => {
    const [bwrap, unshare, setpriv, prlimit, bash] = await Promise.all(['bwrap', 'unshare', 'setpriv', 'prlimit', 'bash'].map(findProgram));
    if (!bash) throw new SandboxUnavailableError('bash is required to run sandboxed commands but was not found');
    return { bwrap, unshare, setpriv, prlimit, bash };
  })();
  return toolsOnce;
}

export const isRoot = (): boolean => process.getuid?.() === 0;

/** Prefix that drops root to the sandbox user with no capabilities and no way to regain any. */
function dropPrivileges(plan: LaunchPlan): string[] {
  if (!plan.runAs) return [];
  const { uid, gid } = plan.runAs;
  return [
    plan.tools.setpriv!,
    `--reuid=${uid}`,
    `--regid=${gid}`,
    '--clear-groups',
    '--no-new-privs',
    '--inh-caps=-all',
    '--bounding-set=-all',
  ];
}

/**
 * The confined command itself. RLIMIT_NPROC counts every process of the real uid, so it is set
 * here, after the drop: the sandbox user (root case) or the fresh user namespace (non-root bwrap)
 * owns nothing but this sandbox's processes. Root itself is exempt from the limit. The kernel
 * counts threads as well: a Node process takes about ten, a 2-core vitest run about forty.
 */
function confinedCommand(plan: LaunchPlan): string[] {
  // Unisolated and not root, the count would include every other process of the user.
  const countsOnlyTheSandbox = plan.runAs !== undefined || plan.isolation !== 'none';
  const limit = plan.tools.prlimit && countsOnlyTheSandbox ? [plan.tools.prlimit, `--nproc=${plan.maxProcesses}:${plan.maxProcesses}`] : [];
  return [...dropPrivileges(plan), ...limit, plan.tools.bash, '-c', plan.script];
}

/** vitest's module cache in `node_modules` (its `fsModuleCachePath` default). */
const VITEST_CACHE_DIR = '.vitest-cache';

/** Directories strictly between `root` and `path`, outermost first (empty when `path` is not below `root`). */
function dirsBetween(root: string, path: string): string[] {
  const dirs: string[] = [];
  for (let dir = dirname(path); dir.startsWith(`${root}/`); dir = dirname(dir)) dirs.unshift(dir);
  return path.startsWith(`${root}/`) ? dirs : [];
}

function bwrapArgs(plan: LaunchPlan): string[] {
  const tmpfsRoots = [SANDBOX_TMP, SANDBOX_SHM, ...plan.hiddenDirs];
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];
  for (const dir of [SANDBOX_TMP, SANDBOX_SHM]) args.push('--perms', '1777', '--tmpfs', dir);
  for (const dir of plan.hiddenDirs) args.push('--tmpfs', dir);

  // Mount points below a tmpfs need their parents created, traversable by the sandbox user.
  const mountPoints = [plan.workdir, ...plan.readOnlyDirs];
  const parents = new Set(mountPoints.flatMap((path) => tmpfsRoots.flatMap((root) => dirsBetween(root, path))));
  for (const dir of parents) args.push('--perms', '0755', '--dir', dir);

  args.push('--bind', plan.workdir, plan.workdir);
  if (plan.nodeModules) {
    args.push('--ro-bind', plan.nodeModules, join(plan.workdir, 'node_modules'));
    // vitest 5 keeps a module cache here and clears it when the lockfile differs from the one that
    // made it: read-only, that fails and the suite never starts. The sandbox gets an empty one of its own.
    if (existsSync(join(plan.nodeModules, VITEST_CACHE_DIR))) args.push('--tmpfs', join(plan.workdir, 'node_modules', VITEST_CACHE_DIR));
  }
  for (const dir of plan.readOnlyDirs) args.push('--ro-bind', dir, dir);

  args.push('--chdir', plan.cwd, ...CONFINED_NAMESPACES, '--die-with-parent', '--new-session');
  // As root, bwrap keeps the init user namespace so that setpriv can switch to a real host uid;
  // otherwise bwrap needs a user namespace of its own.
  if (plan.runAs) args.push('--cap-drop', 'ALL', '--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID', '--cap-add', 'CAP_SETPCAP');
  else args.push('--unshare-user', '--cap-drop', 'ALL');
  return [...args, '--', ...confinedCommand(plan)];
}

function unshareArgs(plan: LaunchPlan): string[] {
  const user = plan.runAs ? [] : ['--user', '--map-root-user'];
  return [
    ...user,
    '--net',
    '--pid',
    '--fork',
    '--kill-child',
    '--mount-proc',
    '--',
    plan.tools.bash,
    '-c',
    // A new network namespace starts with loopback down.
    'ip link set lo up 2>/dev/null; exec "$@"',
    'sandbox',
    ...confinedCommand(plan),
  ];
}

/** The host command line that runs `plan.script` confined as the plan says. */
export function buildLaunch(plan: LaunchPlan): Launch {
  if (plan.isolation === 'bwrap') return { file: plan.tools.bwrap!, args: bwrapArgs(plan), cwd: plan.workdir };
  if (plan.isolation === 'unshare') return { file: plan.tools.unshare!, args: unshareArgs(plan), cwd: plan.cwd };
  const [file, ...args] = confinedCommand(plan);
  return { file: file!, args, cwd: plan.cwd };
}

/** Runs a trivial command with the given isolation; true when the host allows it. */
async function probe(isolation: Exclude<LocalIsolation, 'none'>, tools: HostTools): Promise<boolean> {
  const program = isolation === 'bwrap' ? tools.bwrap : tools.unshare;
  if (!program || (isRoot() && !tools.setpriv)) return false;
  const args =
    isolation === 'bwrap'
      ? [
          '--ro-bind',
          '/',
          '/',
          '--dev',
          '/dev',
          '--proc',
          '/proc',
          ...CONFINED_NAMESPACES,
          ...(isRoot() ? [] : ['--unshare-user']),
          '--',
          '/bin/true',
        ]
      : [...(isRoot() ? [] : ['--user', '--map-root-user']), '--net', '--pid', '--fork', '--mount-proc', '--', '/bin/true'];
  return new Promise((resolve) => execFile(program, args, { timeout: 10_000 }, (error) => resolve(!error)));
}

const probes = new Map<LocalIsolation, Promise<boolean>>();
let warnedUnisolated = false;

/**
 * The isolation to use: the one asked for (an error if this host cannot provide it), or for
 * `auto` the strongest that works here. Running unisolated warns once per process.
 */
export async function resolveIsolation(request: LocalIsolationRequest): Promise<LocalIsolation> {
  const tools = await hostTools();
  const works = (isolation: Exclude<LocalIsolation, 'none'>): Promise<boolean> => {
    if (!probes.has(isolation)) probes.set(isolation, probe(isolation, tools));
    return probes.get(isolation)!;
  };
  let chosen: LocalIsolation;
  if (request === 'auto') chosen = (await works('bwrap')) ? 'bwrap' : (await works('unshare')) ? 'unshare' : 'none';
  else if (request === 'none' || (await works(request))) chosen = request;
  else throw new SandboxUnavailableError(`${request} isolation is not available on this host (is ${request} installed and permitted?)`);

  if (chosen === 'none' && !warnedUnisolated) {
    warnedUnisolated = true;
    console.warn(
      'recursive-improve: running sandboxed commands WITHOUT isolation (no bubblewrap or unshare available): ' +
        'untrusted code can reach the network and the files of this user. Install bubblewrap to fix this.',
    );
  }
  return chosen;
}

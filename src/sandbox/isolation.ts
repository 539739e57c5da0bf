import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { SandboxUnavailableError } from './errors.ts';
import { hostLayout, NODE_BIN_DIR, systemViewArgs, workspaceArgs } from './filesystem-view.ts';

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
  /** Host directories shown read-only at their own path besides the system ones (Node's bin dir). */
  readOnlyDirs: string[];
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

/**
 * bwrap's own options besides the filesystem: fresh namespaces, and the capabilities the confined
 * command starts with. As root, bwrap keeps the init user namespace so that setpriv can switch to a
 * real host uid; otherwise bwrap needs a user namespace of its own.
 */
function bwrapConfinement(asRoot: boolean): string[] {
  const capabilities = asRoot
    ? ['--cap-drop', 'ALL', '--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID', '--cap-add', 'CAP_SETPCAP']
    : ['--unshare-user', '--cap-drop', 'ALL'];
  return [...CONFINED_NAMESPACES, '--die-with-parent', '--new-session', ...capabilities];
}

function bwrapArgs(plan: LaunchPlan): string[] {
  return [
    ...systemViewArgs(hostLayout(), plan.readOnlyDirs),
    ...workspaceArgs(plan.workdir, plan.nodeModules),
    '--chdir',
    plan.cwd,
    ...bwrapConfinement(plan.runAs !== undefined),
    '--',
    ...confinedCommand(plan),
  ];
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

/**
 * Runs a trivial command with the given isolation; true when the host allows it. The bwrap probe
 * builds the same filesystem view and confinement as real commands get and starts Node through bash
 * in it, so a host where that view cannot work (e.g. a Node that needs libraries from elsewhere) falls back.
 */
async function probe(isolation: Exclude<LocalIsolation, 'none'>, tools: HostTools): Promise<boolean> {
  const program = isolation === 'bwrap' ? tools.bwrap : tools.unshare;
  if (!program || (isRoot() && !tools.setpriv)) return false;
  const args =
    isolation === 'bwrap'
      ? [
          ...systemViewArgs(hostLayout(), [NODE_BIN_DIR]),
          ...bwrapConfinement(isRoot()),
          '--',
          tools.bash,
          '-c',
          'exec "$0" -e ""',
          process.execPath,
        ]
      : [...(isRoot() ? [] : ['--user', '--map-root-user']), '--net', '--pid', '--fork', '--mount-proc', '--', '/bin/true'];
  return new Promise((resolve) => execFile(program, args, { timeout: 10_000 }, (error) => resolve(!error)));
}

const probes = new Map<LocalIsolation, Promise<boolean>>();
/** What each isolation weaker than bubblewrap leaves open, said once per process when it is used. */
const WEAKER_ISOLATION: Partial<Record<LocalIsolation, string>> = {
  unshare:
    'running sandboxed commands with unshare only (bubblewrap is missing or not permitted): no network, but ' +
    'untrusted code can read and write the files of this user. Install bubblewrap to fix this.',
  none:
    'running sandboxed commands WITHOUT isolation (no bubblewrap or unshare available): ' +
    'untrusted code can reach the network and the files of this user. Install bubblewrap to fix this.',
};
const warned = new Set<LocalIsolation>();

/**
 * The isolation to use: the one asked for (an error if this host cannot provide it), or for
 * `auto` the strongest that works here. Anything weaker than bubblewrap warns once per process.
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

  const warning = WEAKER_ISOLATION[chosen];
  if (warning && !warned.has(chosen)) {
    warned.add(chosen);
    console.warn(`recursive-improve: ${warning}`);
  }
  return chosen;
}

import { existsSync, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The filesystem a bubblewrap sandbox sees, built as an allow-list: bwrap starts from an empty root
 * and only what is added here exists. Untrusted code cannot read what is not named, whatever its
 * permissions on the host: not the homes, not the original project (and its `.env`), not other
 * sandboxes' workspaces.
 *
 * No host UNIX socket is reachable either, and read-only mounts would not stop a connect(): sockets
 * live in /run, /var/run, /tmp and homes, none of them shown; /dev is bwrap's minimal one (no
 * /dev/log); abstract sockets belong to the network namespace, which is private. /usr and /etc hold
 * programs and configuration, not sockets.
 */

/** Host system paths a Node test needs, shown read-only; on merged-/usr systems all but two are links into /usr. */
const SYSTEM_PATHS = ['/usr', '/etc', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

/**
 * This tool's own Node's directory: `process.execPath` is the resolved binary (/proc/self/exe),
 * never a link. The isolation probe runs it; projects' commands run on the Node chosen for them
 * (node-runtime.ts), shown through `nodeInstallDir`.
 */
export const NODE_BIN_DIR = dirname(process.execPath);
/**
 * The host directory to show read-only so that the Node `binary` (a real path) runs in a sandbox:
 * none when a system directory holds it; an official build's install prefix when the binary sits
 * in its layout (`<prefix>/bin/node` beside `<prefix>/lib/node_modules/npm`), so that the `npm` and
 * `npx` links beside it resolve too; else the binary's own directory. Official builds need only
 * system libraries.
 */
export function nodeInstallDir(binary: string): string | undefined {
  if (SYSTEM_PATHS.some((dir) => binary.startsWith(`${dir}/`))) return undefined;
  const bin = dirname(binary);
  const prefix = dirname(bin);
  return basename(bin) === 'bin' && existsSync(join(prefix, 'lib/node_modules/npm')) ? prefix : bin;
}

/** The private /tmp every bwrap sandbox gets; also where HOME points inside it. */
export const SANDBOX_TMP = '/tmp';
/** Shared memory, private and writable too (browsers need it). */
const SANDBOX_SHM = '/dev/shm';
/** Where libuv reads a process's cgroup (v2) limits from. */
const CGROUP_MOUNT = '/sys/fs/cgroup';
/** vitest's module cache in `node_modules` (its `fsModuleCachePath` default). */
const VITEST_CACHE_DIR = '.vitest-cache';

/** What of the host's system a sandbox shows, as it is on this host. */
export interface HostLayout {
  /** System directories, bound read-only at their own path. */
  systemDirs: string[];
  /** System paths that are symbolic links (`/bin -> usr/bin`), recreated as the same links. */
  systemLinks: Array<{ path: string; target: string }>;
  /** This process's own cgroup v2 directory, when it has one. */
  cgroupDir?: string;
}

/** The cgroup path of a pure cgroup v2 process (`0::/path`, the only line), from /proc/self/cgroup. */
function cgroupV2Path(procSelfCgroup: string): string | undefined {
  return /^0::(\/[^\n]*)\n?$/.exec(procSelfCgroup)?.[1];
}

function readHostLayout(): HostLayout {
  const layout: HostLayout = { systemDirs: [], systemLinks: [] };
  for (const path of SYSTEM_PATHS) {
    const info = lstatSync(path, { throwIfNoEntry: false });
    if (info?.isSymbolicLink()) layout.systemLinks.push({ path, target: readlinkSync(path) });
    else if (info?.isDirectory()) layout.systemDirs.push(path);
  }
  const cgroup = cgroupV2Path(readFileSync('/proc/self/cgroup', 'utf8'));
  const cgroupDir = cgroup === undefined ? undefined : join(CGROUP_MOUNT, cgroup);
  if (cgroupDir && existsSync(join(cgroupDir, 'cgroup.controllers'))) layout.cgroupDir = cgroupDir;
  return layout;
}

let layoutOnce: HostLayout | undefined;
export function hostLayout(): HostLayout {
  layoutOnce ??= readHostLayout();
  return layoutOnce;
}

/** Directories strictly between `/` and `path`, outermost first. */
function ancestors(path: string): string[] {
  const dirs: string[] = [];
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) dirs.unshift(dir);
  return dirs;
}

/** Mount points need their parents, traversable by the sandbox user; bwrap leaves existing ones as they are. */
function parentDirArgs(mountPoints: readonly string[]): string[] {
  return [...new Set(mountPoints.flatMap(ancestors))].flatMap((dir) => ['--perms', '0755', '--dir', dir]);
}

/**
 * The host system as the sandbox sees it: the system directories and `readOnlyDirs` read-only, a
 * minimal /dev, its own /proc, an empty private /tmp and /dev/shm. Only the sandbox's own cgroup
 * shows in /sys: there libuv reads the CPU quota (`os.availableParallelism()`, hence vitest's worker
 * count, which must stay within the process limit) and the memory limit (`process.constrainedMemory()`).
 */
export function systemViewArgs(layout: HostLayout, readOnlyDirs: readonly string[]): string[] {
  const args: string[] = [];
  for (const dir of layout.systemDirs) args.push('--ro-bind', dir, dir);
  for (const { path, target } of layout.systemLinks) args.push('--symlink', target, path);
  args.push('--dev', '/dev', '--proc', '/proc');
  for (const dir of [SANDBOX_TMP, SANDBOX_SHM]) args.push('--perms', '1777', '--tmpfs', dir);

  const binds = readOnlyDirs.map((dir) => ({ from: dir, to: dir }));
  if (layout.cgroupDir) binds.push({ from: layout.cgroupDir, to: CGROUP_MOUNT });
  args.push(...parentDirArgs(binds.map(({ to }) => to)));
  for (const { from, to } of binds) args.push('--ro-bind', from, to);
  return args;
}

/** The writable project copy at its own path, with the host's `node_modules` read-only inside it. */
export function workspaceArgs(workdir: string, nodeModules: string | undefined): string[] {
  const args = [...parentDirArgs([workdir]), '--bind', workdir, workdir];
  if (nodeModules) {
    const mounted = join(workdir, 'node_modules');
    args.push('--ro-bind', nodeModules, mounted);
    // vitest 5 keeps a module cache here and clears it when the lockfile differs from the one that
    // made it: read-only, that fails and the suite never starts. The sandbox gets an empty one of its own.
    if (existsSync(join(nodeModules, VITEST_CACHE_DIR))) args.push('--tmpfs', join(mounted, VITEST_CACHE_DIR));
  }
  return args;
}

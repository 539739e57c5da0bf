/** Throwaway projects and host-side process checks for the local sandbox tests. */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The repository's own dependencies (vitest among them), which test projects link to. */
export const REPO_NODE_MODULES = resolve(import.meta.dirname, '../../node_modules');

const created: string[] = [];

/** A fresh directory under the host's /tmp, removed by `removeTempDirs`. */
export async function makeTempDir(prefix = 'ri-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

export interface ProjectOptions {
  /** Make it a git repository with every file committed. */
  git?: boolean;
  /** Link `node_modules` to the repository's, so vitest resolves. */
  linkNodeModules?: boolean;
}

export async function makeProject(files: Record<string, string>, options: ProjectOptions = {}): Promise<string> {
  const dir = await makeTempDir('ri-project-');
  await writeTree(dir, files);
  if (options.linkNodeModules) await symlink(REPO_NODE_MODULES, join(dir, 'node_modules'));
  if (options.git) {
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
  }
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Every file under `root` with its content, to prove a directory was left untouched. */
export async function snapshotTree(root: string): Promise<Record<string, string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file, await readFile(file, 'utf8')] as const)));
}

interface HostProcess {
  pid: number;
  uid: number;
  cmdline: string;
}

/** All processes on the host, as seen from outside any sandbox. */
export async function hostProcesses(): Promise<HostProcess[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const found = await Promise.all(
    pids.map(async (pid) => {
      try {
        const [status, cmdline] = await Promise.all([readFile(`/proc/${pid}/status`, 'utf8'), readFile(`/proc/${pid}/cmdline`, 'utf8')]);
        const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
        return { pid: Number(pid), uid, cmdline: cmdline.replaceAll('\0', ' ') };
      } catch {
        return undefined; // exited while we looked
      }
    }),
  );
  return found.filter((process) => process !== undefined);
}

/** Polls until no host process matches, or the deadline passes; returns what still matches. */
export async function waitUntilGone(matches: (process: HostProcess) => boolean, withinMs = 2_000): Promise<HostProcess[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const left = (await hostProcesses()).filter(matches);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * A node script that tries to start `attempts` sleeping children at once and prints
 * `{ started, refused }`: how many the process limit let through and how many it refused (EAGAIN).
 */
export function spawnStormScript(attempts: number): string {
  return `
    const { spawn } = require('child_process');
    let started = 0, refused = 0, done = 0;
    const finish = () => { console.log(JSON.stringify({ started, refused })); process.exit(0); };
    for (let i = 0; i < ${attempts}; i++) {
      const child = spawn('sleep', ['5']);
      child.on('spawn', () => started++);
      child.on('error', (e) => { if (e.code === 'EAGAIN') refused++; });
      child.on('close', () => { if (++done === ${attempts}) finish(); });
    }
    setTimeout(finish, 1000);`;
}

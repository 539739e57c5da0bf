import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Workspaces outlive a process that was killed outright (SIGKILL, OOM, power loss), and they live
 * in memory when on /dev/shm. Each records its owner; the next process to make one removes those
 * whose owner is gone.
 */
const OWNER_FILE = 'owner';

/** `pid start-time`: the start time tells a live owner from a new process that reused its pid. */
async function processIdentity(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // Fields after the parenthesized command name; the start time is field 22 of the whole line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return `${pid} ${fields[19]}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function markOwner(base: string): Promise<void> {
  await writeFile(join(base, OWNER_FILE), (await processIdentity(process.pid)) ?? String(process.pid));
}

async function ownerIsGone(base: string): Promise<boolean> {
  const owner = await readFile(join(base, OWNER_FILE), 'utf8').catch(() => undefined);
  // No owner file: being created right now, or made by an older version; leave it.
  if (owner === undefined) return false;
  const pid = Number(owner.split(' ')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (!isAlive(pid)) return true;
  const identity = await processIdentity(pid);
  return identity !== undefined && owner.includes(' ') && identity !== owner;
}

/** Removes the workspaces under `root` named `prefix*` whose owning process no longer exists. */
export async function sweepStaleWorkspaces(root: string, prefix: string): Promise<string[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names.filter((entry) => entry.startsWith(prefix))) {
    const base = join(root, name);
    if (await ownerIsGone(base)) {
      await rm(base, { recursive: true, force: true });
      removed.push(base);
    }
  }
  return removed;
}

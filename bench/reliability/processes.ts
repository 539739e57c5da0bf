// Host processes and sandbox workspaces, read from /proc and the workspace roots: what a run left behind.
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HostProcess {
  pid: number;
  ppid: number;
  /** Clock ticks since boot: tells a process from a later one that reused its pid. */
  startTime: string;
  uid: number;
  cmdline: string;
}

function readProcess(pid: number): HostProcess | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return { pid, ppid: Number(fields[1]), startTime: fields[19] ?? '', uid, cmdline };
  } catch {
    return undefined; // gone while we looked
  }
}

export function listProcesses(): HostProcess[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => readProcess(Number(name)) ?? []);
}

/** Every process below `pid` (children, grandchildren, ...). */
export function descendantsOf(pid: number, processes: HostProcess[] = listProcesses()): HostProcess[] {
  const found: HostProcess[] = [];
  const parents = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const process of processes) {
      if (parents.has(process.ppid) && !parents.has(process.pid)) {
        parents.add(process.pid);
        found.push(process);
        grew = true;
      }
    }
  }
  return found;
}

/** Those of `processes` still running (same pid and start time). */
export function stillRunning(processes: HostProcess[]): HostProcess[] {
  return processes.filter((process) => {
    const now = readProcess(process.pid);
    return now !== undefined && now.startTime === process.startTime && !isZombie(process.pid);
  });
}

function isZombie(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

export const processesOfUid = (uid: number): HostProcess[] => listProcesses().filter((process) => process.uid === uid);

export const processesMatching = (text: string): HostProcess[] =>
  listProcesses().filter((process) => process.cmdline.includes(text) && process.pid !== globalThis.process.pid);

/** Where local sandboxes put their workspaces. */
export const WORKSPACE_ROOTS = [...new Set(['/dev/shm', tmpdir()])];
const WORKSPACE_PREFIX = 'ri-sandbox-';

/** Sandbox workspaces whose owner file names `pid` (each records `pid start-time` of the process that made it). */
export function workspacesOf(pid: number): string[] {
  return WORKSPACE_ROOTS.flatMap((root) => {
    let names: string[] = [];
    try {
      names = readdirSync(root).filter((name) => name.startsWith(WORKSPACE_PREFIX));
    } catch {
      return [];
    }
    return names
      .map((name) => join(root, name))
      .filter((base) => {
        try {
          return readFileSync(join(base, 'owner'), 'utf8').split(' ')[0] === String(pid);
        } catch {
          return false;
        }
      });
  });
}

export function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Resident memory of a process in KiB (0 once it is gone). */
export function residentKb(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

// The processes this one started, and theirs: an interrupted CLI takes them down with it. Sandboxed
// commands run detached in groups of their own, so a terminal's Ctrl-C never reaches them, and only
// bubblewrap dies with its parent (unshare and unisolated commands do not).
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessEntry {
  pid: number;
  ppid: number;
  pgid: number;
  /** One letter, as in ps: Z for a zombie, X for dead. */
  state: string;
}

/** One line of /proc/<pid>/stat; the command name in parentheses may itself hold spaces or parentheses. */
export function parseStat(line: string): ProcessEntry | undefined {
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  const [state, ppid, pgid] = [fields[0], Number(fields[1]), Number(fields[2])];
  const pid = Number.parseInt(line, 10);
  if (!state || !Number.isInteger(pid) || !Number.isInteger(ppid) || !Number.isInteger(pgid)) return undefined;
  return { pid, ppid, pgid, state };
}

/** Every process the kernel lists (Linux); none where there is no /proc. */
function readProcesses(): ProcessEntry[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (!/^\d+$/.test(name)) return [];
    try {
      return parseStat(readFileSync(`/proc/${name}/stat`, 'utf8')) ?? [];
    } catch {
      return []; // gone since the listing
    }
  });
}

/** The descendants of `root` among `processes` that still run (a zombie or dead entry runs nothing). */
export function liveDescendants(root: number, processes: readonly ProcessEntry[]): ProcessEntry[] {
  const found: ProcessEntry[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const entry of processes) {
      if (parents.has(entry.ppid) && !parents.has(entry.pid)) {
        parents.add(entry.pid);
        found.push(entry);
        grew = true;
      }
    }
  }
  return found.filter((entry) => entry.state !== 'Z' && entry.state !== 'X');
}

function kill(target: number): void {
  try {
    process.kill(target, 'SIGKILL');
  } catch {
    // already gone
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * SIGKILLs every process this one started, directly or not, with the groups they lead, until none
 * is left or `waitMs` has passed. Synchronous on purpose: no callback of the run gets to see its
 * commands die (and record a crashed suite) before the process exits.
 */
export function killDescendantsSync(waitMs: number): void {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const live = liveDescendants(process.pid, readProcesses());
    if (live.length === 0 || Date.now() >= deadline) return;
    for (const entry of live) kill(entry.pgid === entry.pid ? -entry.pid : entry.pid);
    Atomics.wait(pause, 0, 0, 10);
  }
}

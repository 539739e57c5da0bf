import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { ImprovementOutcome } from '../../../src/api/run-improvement.ts';
import type { ImprovementEvent } from '../../../src/events/improvement-event.ts';
import type { ChildRequest } from './child.ts';
import { REPO } from './projects.ts';

export interface Child {
  process: ChildProcess;
  events: ImprovementEvent[];
  /** Resolves when an event matching `predicate` has arrived. */
  waitFor(predicate: (event: ImprovementEvent) => boolean): Promise<ImprovementEvent>;
  /** Resolves with the outcome line (undefined if the process ended without one) and the exit. */
  done: Promise<{ outcome?: ImprovementOutcome; code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts `child.ts` with Node 24 from node_modules in a new process. */
export function spawnChild(request: ChildRequest): Child {
  const proc = spawn(path.join(REPO, 'node_modules/.bin/node'), [path.join(import.meta.dirname, 'child.ts'), JSON.stringify(request)], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: ImprovementEvent[] = [];
  const waiters: { predicate: (e: ImprovementEvent) => boolean; resolve: (e: ImprovementEvent) => void }[] = [];
  let outcome: ImprovementOutcome | undefined;
  let pending = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('EVENT ')) {
        const event = JSON.parse(line.slice(6)) as ImprovementEvent;
        events.push(event);
        for (const waiter of waiters.filter((w) => w.predicate(event))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(event);
        }
      } else if (line.startsWith('OUTCOME ')) outcome = JSON.parse(line.slice(8)) as ImprovementOutcome;
    }
  });
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<Awaited<Child['done']>>((resolve) => {
    proc.on('close', (code, signal) => resolve({ ...(outcome ? { outcome } : {}), code, signal, stderr }));
  });
  return {
    process: proc,
    events,
    done,
    waitFor: (predicate) => {
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ predicate, resolve });
        void done.then(({ stderr: err }) => reject(new Error(`child ended before the awaited event\n${err}`)));
      });
    },
  };
}

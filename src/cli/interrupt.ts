import { EXIT } from './exit.ts';
import { killDescendantsSync } from './process-tree.ts';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** How long the processes the run started get to die before the CLI exits anyway. */
const STOP_MS = 2_000;

/**
 * On the first SIGINT or SIGTERM: prints `line()`, kills the processes the run started and exits
 * 130 or 143 through process.exit, so the exit handlers remove the sandbox workspaces (a signal's
 * default disposition ends the process without them). The handlers go first, so a second signal
 * meets the default disposition and ends the process at once.
 */
export function exitOnInterrupt(line: () => string): void {
  const onSignal = (signal: (typeof SIGNALS)[number]) => {
    for (const name of SIGNALS) process.off(name, onSignal);
    process.stderr.write(`${line()}\n`);
    killDescendantsSync(STOP_MS);
    process.exit(signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated);
  };
  for (const name of SIGNALS) process.on(name, onSignal);
}

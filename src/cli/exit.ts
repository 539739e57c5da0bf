import type { ErrorCategory } from '../contract/errors.ts';

/** The CLI's exit statuses, each with what it means; `--help` and the README list them from here. */
export const EXIT = {
  green: 0,
  failing: 1,
  usage: 2,
  awaitingApproval: 3,
  error: 4,
  publishFailed: 5,
  /** 128 + the signal's number, as a shell reports a process the signal ended. */
  interrupted: 130,
  terminated: 143,
} as const;

export const EXIT_MEANINGS: Readonly<Record<keyof typeof EXIT, string>> = {
  green: 'green: the suite passes and no High or Medium finding is left',
  failing: 'not green: tests still fail, or High or Medium findings are left (see the report)',
  usage: 'a usage or input error (one line on stderr; nothing was run or written)',
  awaitingApproval: 'the run waits for approval (continue it with improve resume)',
  error: 'the run failed (an error of the tool, the sandbox or the machine)',
  publishFailed:
    'the run finished but its pull request was not published (--pr; the report is kept, the message says how to push the branch)',
  interrupted: 'interrupted (SIGINT, Ctrl-C): the run stopped; continue it with improve resume',
  terminated: 'terminated (SIGTERM): the run stopped; continue it with improve resume',
};

/** Input errors are the user's to fix (2); anything else is the run failing (4). */
export const exitFor = (category: ErrorCategory): number => (category === 'input' ? EXIT.usage : EXIT.error);

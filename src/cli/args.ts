import { parseArgs } from 'node:util';

/** A problem with what the user typed: reported as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: improve <dir> [options]
       improve resume <runId> [--dir <dir>] [options]

Runs the project's tests in a sandbox and improves the code in a loop until the suite is green.

Options:
  --max-iterations N      most improvement cycles (default 5)
  --patience N            stop after N cycles without progress (default 2)
  --sandbox KIND          auto | local | e2b (default auto: e2b when E2B_API_KEY is set)
  --suggester KIND        auto | repair | llm | both (default auto)
  --approve               ask before applying each change (manual approval)
  --write                 write accepted changes back to the project (default: dry run)
  --report FILE.json      write the run report to FILE.json
  --test-command CMD      test command to run instead of the one in package.json
  --time-budget SECONDS   stop starting new work after this many seconds
  --json                  one JSON event per line on stdout
  -h, --help              show this help
  -v, --version           show the version

Exit status: 0 when the final suite is green, 1 when failures remain, 2 for a usage or input error.`;

const SANDBOXES = ['auto', 'local', 'e2b'] as const;
const SUGGESTERS = ['auto', 'repair', 'llm', 'both'] as const;

export interface ImproveArgs {
  command: 'improve';
  dir: string;
  maxIterations: number;
  patience: number;
  sandbox: (typeof SANDBOXES)[number];
  suggester: (typeof SUGGESTERS)[number];
  approve: boolean;
  write: boolean;
  report?: string;
  testCommand?: string;
  timeBudgetSeconds?: number;
  json: boolean;
}

export type CliArgs =
  | ImproveArgs
  | (Omit<ImproveArgs, 'command' | 'dir'> & { command: 'resume'; runId: string; dir: string })
  | { command: 'help' }
  | { command: 'version' };

function positiveInt(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a whole number >= 1, got "${raw}"`);
  return value;
}

function oneOf<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[]): T {
  if (raw === undefined) return allowed[0]!;
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

/** Parses the command line; throws UsageError with a one-line message on anything wrong. */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'max-iterations': { type: 'string' },
        patience: { type: 'string' },
        sandbox: { type: 'string' },
        suggester: { type: 'string' },
        approve: { type: 'boolean', default: false },
        write: { type: 'boolean', default: false },
        report: { type: 'string' },
        'test-command': { type: 'string' },
        'time-budget': { type: 'string' },
        json: { type: 'boolean', default: false },
        dir: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    // parseArgs messages are one sentence but may carry a hint on a second line.
    throw new UsageError(String((error as Error).message).split('\n')[0]!);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };

  const report = values.report;
  if (report !== undefined && !report.endsWith('.json')) throw new UsageError(`--report must name a .json file, got "${report}"`);
  const timeBudget = values['time-budget'];
  const common = {
    maxIterations: positiveInt('--max-iterations', values['max-iterations'], 5),
    patience: positiveInt('--patience', values.patience, 2),
    sandbox: oneOf('--sandbox', values.sandbox, SANDBOXES),
    suggester: oneOf('--suggester', values.suggester, SUGGESTERS),
    approve: values.approve,
    write: values.write,
    json: values.json,
    ...(report !== undefined && { report }),
    ...(values['test-command'] !== undefined && { testCommand: values['test-command'] }),
    ...(timeBudget !== undefined && { timeBudgetSeconds: positiveInt('--time-budget', timeBudget, 0) }),
  };

  if (positionals[0] === 'resume') {
    if (positionals.length !== 2) throw new UsageError('resume takes exactly one run id: improve resume <runId>');
    return { command: 'resume', runId: positionals[1]!, dir: values.dir ?? '.', ...common };
  }
  if (positionals.length === 0) throw new UsageError('missing project directory: improve <dir> (see --help)');
  if (positionals.length > 1) throw new UsageError(`expected one project directory, got ${positionals.length}: ${positionals.join(' ')}`);
  return { command: 'improve', dir: positionals[0]!, ...common };
}

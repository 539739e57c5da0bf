import { parseArgs } from 'node:util';
import { ImproveError } from '../contract/errors.ts';
import { PrioritySchema } from '../contract/finding.ts';
import { IMPROVE_DEFAULTS, ImproveOptionsSchema } from '../contract/options.ts';
import { EXIT, EXIT_MEANINGS } from './exit.ts';

/** A problem with what the user typed: reported as one line, exit code 2. */
export class UsageError extends ImproveError {
  constructor(message: string) {
    super('input', message);
    this.name = 'UsageError';
  }
}

const SANDBOXES = ImproveOptionsSchema.shape.sandbox.unwrap().options;
const PRIORITIES = PrioritySchema.options;
type Sandbox = (typeof SANDBOXES)[number];
type Priority = (typeof PRIORITIES)[number];

/** The help text; defaults and exit statuses come from where they are defined, suggesters from the registry. */
export function usage(suggesters: readonly string[]): string {
  const d = IMPROVE_DEFAULTS;
  const exits = (Object.keys(EXIT) as (keyof typeof EXIT)[]).map((key) => `  ${String(EXIT[key]).padEnd(5)}${EXIT_MEANINGS[key]}`);
  return `Usage: improve <dir> [options]
       improve resume <runId> [--dir <dir>] [--json] [--report FILE.json]
       improve history <dir> [--json] [--limit N] [--project PATH] [--learned | --reset-learned]
       improve runs [<dir>] [--json]
       improve report <dir> --html FILE [--run ID] [--limit N] [--project PATH]

Runs the project's tests in a sandbox and improves the code in a loop until the suite is green.

Options:
  --max-iterations N      most improvement cycles (default ${d.maxIterations})
  --patience N            stop after N cycles in a row without progress (default ${d.patience})
  --sandbox KIND          ${SANDBOXES.join(' | ')} (default ${d.sandbox}: e2b when E2B_API_KEY is set)
  --suggester NAME        ${['auto', ...suggesters].join(' | ')} (default ${d.suggester}: the best available)
  --approve               ask before applying each change (manual approval)
  --write                 write accepted changes back to the project (default: dry run)
  --report FILE.json      write the run report to FILE.json
  --test-command CMD      test command to run instead of the one in package.json
  --project PATH          a workspace package of a monorepo <dir> to improve (its tests run there)
  --time-budget SECONDS   stop starting new work after this many seconds (default ${d.timeBudgetSeconds})
  --pr                    publish the kept changes as a draft pull request (needs GITHUB_TOKEN; see the README)
  --pr-min-priority P     publish only when a kept change is of priority P or higher: ${PRIORITIES.join(' | ')} (default ${d.prMinPriority})
  --remote NAME           the git remote the pull request's branch is pushed to (default ${d.remote})
  --ci                    CI mode: plain output, GitHub annotations, step summary and outputs (default when CI=true; --no-ci turns it off)
  --json                  one JSON event per line on stdout

History (of the runs of <dir>, kept in <dir>/.improve):
  history                 one line per run and, at a terminal, trend sparklines; --json: the records
  --limit N               only the latest N runs
  --learned               what was learned from the changes kept and turned down
  --reset-learned         forget what was learned
  runs                    the run ids with their status and date, newest last
  report --html FILE      write the HTML report (trend charts, the run's changes) to FILE
  --run ID                the report of that run (default: the latest)

  -h, --help              show this help
  -v, --version           show the version

Exit status:
${exits.join('\n')}`;
}

/** What the user asked for; options left out are left to the run's defaults (IMPROVE_DEFAULTS). */
export interface ImproveArgs {
  command: 'improve';
  dir: string;
  maxIterations?: number;
  patience?: number;
  sandbox?: Sandbox;
  suggester?: string;
  approve: boolean;
  write: boolean;
  report?: string;
  testCommand?: string;
  project?: string;
  timeBudgetSeconds?: number;
  pr: boolean;
  prMinPriority?: Priority;
  remote?: string;
  json: boolean;
  /** `--ci` or `--no-ci`; left out, CI mode follows the CI environment variable. */
  ci?: boolean;
}

/** A resumed run keeps the options it was started with: only where its store is and how to report. */
export interface ResumeArgs {
  command: 'resume';
  runId: string;
  dir: string;
  report?: string;
  json: boolean;
  ci?: boolean;
}

/** `improve history <dir>`: the runs' figures, or what was learned (`--learned`, `--reset-learned`). */
export interface HistoryArgs {
  command: 'history';
  dir: string;
  json: boolean;
  limit?: number;
  project?: string;
  learned: boolean;
  resetLearned: boolean;
}

/** `improve runs [<dir>]`: the runs in the project's store. */
export interface RunsArgs {
  command: 'runs';
  dir: string;
  json: boolean;
}

/** `improve report <dir> --html FILE`: a run's HTML report. */
export interface ReportArgs {
  command: 'report';
  dir: string;
  html: string;
  runId?: string;
  limit?: number;
  project?: string;
}

export type CliArgs = ImproveArgs | ResumeArgs | HistoryArgs | RunsArgs | ReportArgs | { command: 'help' } | { command: 'version' };

function positiveInt(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a whole number >= 1, got "${raw}"`);
  return value;
}

function oneOf<T extends string>(flag: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

const OPTIONS = {
  'max-iterations': { type: 'string' },
  patience: { type: 'string' },
  sandbox: { type: 'string' },
  suggester: { type: 'string' },
  // No defaults: an option the user left out stays absent, so a misplaced one can be told.
  approve: { type: 'boolean' },
  write: { type: 'boolean' },
  report: { type: 'string' },
  'test-command': { type: 'string' },
  project: { type: 'string' },
  'time-budget': { type: 'string' },
  pr: { type: 'boolean' },
  'pr-min-priority': { type: 'string' },
  remote: { type: 'string' },
  ci: { type: 'boolean' },
  json: { type: 'boolean' },
  dir: { type: 'string' },
  limit: { type: 'string' },
  learned: { type: 'boolean' },
  'reset-learned': { type: 'boolean' },
  html: { type: 'string' },
  run: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type OptionName = keyof typeof OPTIONS;

type Command = 'improve' | 'resume' | 'history' | 'runs' | 'report';
const SUBCOMMANDS: readonly Command[] = ['resume', 'history', 'runs', 'report'];

/** The options each command takes (besides --help and --version): any other is refused, not silently ignored. */
const TAKES: Record<Command, readonly OptionName[]> = {
  improve: [
    'max-iterations',
    'patience',
    'sandbox',
    'suggester',
    'approve',
    'write',
    'report',
    'test-command',
    'project',
    'time-budget',
    'pr',
    'pr-min-priority',
    'remote',
    'ci',
    'json',
  ],
  resume: ['dir', 'report', 'ci', 'json'],
  history: ['json', 'limit', 'project', 'learned', 'reset-learned'],
  runs: ['json'],
  report: ['html', 'run', 'limit', 'project'],
};

function checkCommandOptions(command: Command, given: readonly string[]): void {
  const misplaced = given.find((name) => name !== 'help' && name !== 'version' && !(TAKES[command] as readonly string[]).includes(name));
  if (misplaced === undefined) return;
  if (command === 'resume') {
    throw new UsageError(`--${misplaced} is not an option of improve resume: a resumed run keeps the options it was started with`);
  }
  if (command === 'improve' && misplaced === 'dir') {
    throw new UsageError('--dir is an option of improve resume only: improve takes the project directory as its argument');
  }
  const owners = SUBCOMMANDS.filter((c) => (TAKES[c] as readonly string[]).includes(misplaced));
  const name = command === 'improve' ? 'improve <dir>' : `improve ${command}`;
  throw new UsageError(
    `--${misplaced} is not an option of ${name}${owners.length > 0 ? ` (it is one of improve ${owners.join(', ')})` : ''}`,
  );
}

/** parseArgs's message on one line, without its hint on passing values that start with '-'. */
function parseErrorLine(message: string): string {
  const line = message
    .replace(/\.?\s*To specify .*$/s, '')
    .split('\n')
    .join(' ');
  return /^Unknown option/.test(line) ? `${line} (see --help)` : line;
}

function readArgv(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, allowNegative: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError(parseErrorLine(String((error as Error).message)));
  }
}

/** A command line's --report: a .json file (checked against the disk before the run, see report-file.ts). */
function reportFile(raw: string): string {
  if (!raw.endsWith('.json')) throw new UsageError(`--report must name a .json file, got "${raw}"`);
  return raw;
}

/** A blank --test-command would quietly fall back to the one from package.json. */
function testCommandOf(raw: string): string {
  if (raw.trim() === '') throw new UsageError(`--test-command must name a command, got "${raw}"`);
  return raw;
}

/** A remote's name: a blank one would quietly mean origin. */
function nameOf(flag: string, raw: string): string {
  if (raw.trim() === '' || raw.startsWith('-')) throw new UsageError(`${flag} must name a git remote, got "${raw}"`);
  return raw;
}

/** Parses the command line; throws UsageError with a one-line message on anything wrong. */
export function parseCliArgs(argv: string[]): CliArgs {
  const { values, positionals } = readArgv(argv);
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };

  const command = (SUBCOMMANDS as readonly string[]).includes(positionals[0] ?? '') ? (positionals[0] as Command) : 'improve';
  checkCommandOptions(command, Object.keys(values));
  if (command === 'history' || command === 'runs' || command === 'report') return historyCommand(command, positionals.slice(1), values);
  const resuming = command === 'resume';
  const shared = {
    json: values.json === true,
    ...(values.report !== undefined && { report: reportFile(values.report) }),
    ...(values.ci !== undefined && { ci: values.ci }),
  };
  if (resuming) {
    if (positionals.length !== 2 || !positionals[1]) throw new UsageError('resume takes exactly one run id: improve resume <runId>');
    return { command: 'resume', runId: positionals[1], dir: values.dir ?? '.', ...shared };
  }
  if (positionals.length === 0) throw new UsageError('missing project directory: improve <dir> (see --help)');
  if (positionals.length > 1) throw new UsageError(`expected one project directory, got ${positionals.length}: ${positionals.join(' ')}`);

  const {
    'max-iterations': maxIterations,
    patience,
    sandbox,
    suggester,
    'test-command': testCommand,
    project,
    'time-budget': timeBudget,
    'pr-min-priority': prMinPriority,
    remote,
  } = values;
  if (values.pr !== true && (prMinPriority !== undefined || remote !== undefined)) {
    throw new UsageError(`--${prMinPriority !== undefined ? 'pr-min-priority' : 'remote'} only applies with --pr`);
  }
  return {
    command: 'improve',
    dir: positionals[0]!,
    approve: values.approve === true,
    write: values.write === true,
    pr: values.pr === true,
    ...shared,
    ...(maxIterations !== undefined && { maxIterations: positiveInt('--max-iterations', maxIterations) }),
    ...(patience !== undefined && { patience: positiveInt('--patience', patience) }),
    ...(sandbox !== undefined && { sandbox: oneOf('--sandbox', sandbox, SANDBOXES) }),
    // Any registered name: the run refuses one that names nothing, before anything runs.
    ...(suggester !== undefined && { suggester }),
    ...(testCommand !== undefined && { testCommand: testCommandOf(testCommand) }),
    ...(project !== undefined && { project }),
    ...(timeBudget !== undefined && { timeBudgetSeconds: positiveInt('--time-budget', timeBudget) }),
    ...(prMinPriority !== undefined && { prMinPriority: oneOf('--pr-min-priority', prMinPriority, PRIORITIES) }),
    ...(remote !== undefined && { remote: nameOf('--remote', remote) }),
  };
}

type Values = ReturnType<typeof readArgv>['values'];

/** The commands that read a project's history: its directory as the one argument (`runs` defaults to here). */
function historyCommand(command: 'history' | 'runs' | 'report', rest: string[], values: Values): HistoryArgs | RunsArgs | ReportArgs {
  if (rest.length > 1) throw new UsageError(`improve ${command} takes one project directory, got ${rest.length}: ${rest.join(' ')}`);
  const dir = rest[0] ?? (command === 'runs' ? '.' : undefined);
  if (!dir) throw new UsageError(`missing project directory: improve ${command} <dir> (see --help)`);
  const limit = values.limit === undefined ? undefined : positiveInt('--limit', values.limit);
  const scope = { ...(limit !== undefined && { limit }), ...(values.project !== undefined && { project: values.project }) };
  if (command === 'runs') return { command, dir, json: values.json === true };
  if (command === 'history') {
    if (values.learned && values['reset-learned']) throw new UsageError('--learned and --reset-learned do not go together: pick one');
    return {
      command,
      dir,
      json: values.json === true,
      learned: values.learned === true,
      resetLearned: values['reset-learned'] === true,
      ...scope,
    };
  }
  if (values.html === undefined) throw new UsageError('improve report needs a file to write: improve report <dir> --html FILE');
  if (values.html.trim() === '' || values.html.startsWith('-')) throw new UsageError(`--html must name a file, got "${values.html}"`);
  if (values.run !== undefined && values.run.trim() === '') throw new UsageError('--run must name a run id (see improve runs)');
  return { command, dir, html: values.html, ...(values.run !== undefined && { runId: values.run }), ...scope };
}

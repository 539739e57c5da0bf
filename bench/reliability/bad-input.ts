// Bad input to the CLI: each case must end with exit 2, exactly one line on stderr (no stack
// trace), nothing on stdout, and every directory it names byte-for-byte as it was, no `.improve`
// created: nothing run, nothing written. One exception, as the README says: `--approve` with no
// way to answer runs to the first change, stays suspended, says how to resume, and exits 3.
import { lstatSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type CliRun, runCli } from './cli.ts';
import { mapLimited } from './pool.ts';
import { greenFiles, packageJson, paginateFiles } from './projects.ts';
import { type Files, freshDir, makeProject, writeFiles } from './scratch.ts';
import { describeChanges, isImproveDir, snapshotTree, type Tree, treeChanges } from './tree.ts';
import { firstFailure, judge, type Outcome, type Verdict } from './verdict.ts';

/** Input is checked before Mastra loads (about a second): still running after this, a run has started. */
const USAGE_TIMEOUT_MS = 30_000;
/** The --approve case and a store to resume from run for real. */
const RUN_TIMEOUT_MS = 120_000;

interface Invocation {
  args: string[];
  /** Where the CLI starts (default: an empty directory of its own). */
  cwd?: string;
  env?: Record<string, string | undefined>;
  wrapper?: string[];
  /** Leave these out of the before/after comparison (a run store the tool may open). */
  ignore?: (relative: string) => boolean;
  /** Removed after the case (outside the scratch folder). */
  cleanUp?: string;
}

interface BadInputCase {
  name: string;
  /** Builds the case's projects; every directory it names in `args` (and the cwd) is compared before and after. */
  setup: (make: Maker) => Promise<Invocation>;
  /** `suspended`: the --approve case (exit 3, a resume hint, sources untouched). */
  expect?: 'usage' | 'suspended';
}

interface Maker {
  project: (files: Files) => Promise<string>;
  /** A project a run could improve: the paginate bug. */
  valid: () => Promise<string>;
  /** A directory that does not exist. */
  missing: () => Promise<string>;
}

const NO_MODEL = { OPENAI_API_KEY: undefined, IMPROVE_MODEL: undefined, E2B_API_KEY: undefined };

/** The CLI under a private mount namespace in which `dir` is read-only (we run as root: permissions would not stop us). */
const readOnly = (dir: string): string[] => [
  'unshare',
  '--mount',
  '--propagation',
  'private',
  'sh',
  '-c',
  'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"',
  dir,
];

const flagValue = (flag: string, value: string): BadInputCase => ({
  name: `${flag.slice(2)}-${value === '' ? 'empty' : value.trim() === '' ? 'blank' : value}`,
  setup: async (make) => ({ args: [await make.valid(), flag, value] }),
});

const projectWith = (name: string, files: Files): BadInputCase => ({
  name,
  setup: async (make) => ({ args: [await make.project(files)] }),
});

const paginate = paginateFiles();
const withPackage = (json: string): Files => ({ ...paginate, 'package.json': json });

export const BAD_INPUT_CASES: BadInputCase[] = [
  { name: 'no-arguments', setup: async () => ({ args: [] }) },
  { name: 'missing-dir', setup: async (make) => ({ args: [await make.missing()] }) },
  { name: 'missing-dir-json', setup: async (make) => ({ args: [await make.missing(), '--json'] }) },
  { name: 'empty-string-dir', setup: async () => ({ args: [''] }) },
  { name: 'file-as-dir', setup: async (make) => ({ args: [join(await make.valid(), 'package.json')] }) },
  projectWith('empty-dir', {}),
  { name: 'only-improve-dir', setup: async (make) => ({ args: [await make.project({ '.improve/runs/.keep': '' })] }) },
  projectWith('no-package-json', {
    'src/paginate.ts': paginate['src/paginate.ts']!,
    'tests/paginate.test.ts': paginate['tests/paginate.test.ts']!,
  }),
  projectWith('package-json-without-scripts', withPackage('{ "name": "bench-project", "private": true, "type": "module" }\n')),
  projectWith('no-test-script', withPackage(packageJson(undefined, { scripts: { build: 'tsc' } }))),
  projectWith('invalid-package-json', withPackage('{ "name": "broken", "scripts": { "test": "vitest run" }\n')),
  projectWith('package-json-not-an-object', withPackage('[]\n')),
  projectWith('npm-init-test-script', withPackage(packageJson('echo "Error: no test specified" && exit 1'))),
  projectWith('jest-runner', withPackage(packageJson('jest'))),
  projectWith('mocha-runner', withPackage(packageJson('mocha tests'))),
  {
    name: 'vitest-not-installed',
    // Outside the repository, where no node_modules up the tree has vitest.
    setup: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ri-bench-no-vitest-'));
      await writeFiles(dir, paginate);
      return { args: [dir], cleanUp: dir };
    },
  },
  { name: 'unknown-flag', setup: async (make) => ({ args: [await make.valid(), '--frobnicate'] }) },
  { name: 'unknown-short-flag', setup: async (make) => ({ args: [await make.valid(), '-x'] }) },
  ...['0', '-1', '1.5', 'abc'].flatMap((value) =>
    ['--max-iterations', '--patience', '--time-budget'].map((flag) => flagValue(flag, value)),
  ),
  { name: 'max-iterations-without-value', setup: async (make) => ({ args: [await make.valid(), '--max-iterations'] }) },
  flagValue('--max-iterations', '100000'),
  flagValue('--suggester', 'nosuch'),
  flagValue('--suggester', ''),
  flagValue('--sandbox', 'docker'),
  { name: 'sandbox-e2b-without-key', setup: async (make) => ({ args: [await make.valid(), '--sandbox', 'e2b'], env: NO_MODEL }) },
  { name: 'suggester-llm-without-model', setup: async (make) => ({ args: [await make.valid(), '--suggester', 'llm'], env: NO_MODEL }) },
  flagValue('--test-command', ''),
  flagValue('--test-command', '   '),
  flagValue('--test-command', 'jest'),
  {
    name: 'report-into-missing-dir',
    setup: async (make) => ({ args: [await make.valid(), '--report', join(await make.missing(), 'report.json')] }),
  },
  {
    name: 'report-onto-directory',
    setup: async (make) => {
      const dir = await make.valid();
      await mkdir(join(dir, 'out.json'));
      return { args: [dir, '--report', join(dir, 'out.json')] };
    },
  },
  { name: 'report-not-json', setup: async (make) => ({ args: [await make.valid(), '--report', join(await make.valid(), 'report.txt')] }) },
  { name: 'dir-flag-with-improve', setup: async (make) => ({ args: [await make.valid(), '--dir', await make.valid()] }) },
  {
    name: 'duplicate-positional-dir',
    setup: async (make) => {
      const dir = await make.valid();
      return { args: [dir, dir] };
    },
  },
  { name: 'two-projects', setup: async (make) => ({ args: [await make.valid(), await make.valid()] }) },
  {
    name: 'resume-unknown-id',
    setup: async (make) => ({ args: ['resume', '00000000-0000-4000-8000-000000000000', '--dir', await make.valid()] }),
  },
  // Without --dir the run store is the current directory's, which has none.
  { name: 'resume-unknown-id-no-dir', setup: async () => ({ args: ['resume', '00000000-0000-4000-8000-000000000000'] }) },
  {
    name: 'resume-unknown-id-with-store',
    setup: async (make) => {
      const dir = await make.project(greenFiles());
      const run = await runCli([dir], { cwd: dir, timeoutMs: RUN_TIMEOUT_MS });
      if (run.code !== 0) throw new Error(`could not make a run store: exit ${run.code}: ${run.stderr.trim()}`);
      // Opening the store may touch the database file; the runs and the project may not change.
      return {
        args: ['resume', '00000000-0000-4000-8000-000000000000', '--dir', dir],
        ignore: (path) => /^\.improve\/mastra\.db/.test(path),
      };
    },
  },
  { name: 'resume-malformed-id', setup: async (make) => ({ args: ['resume', '../../etc/passwd', '--dir', await make.valid()] }) },
  { name: 'resume-empty-id', setup: async (make) => ({ args: ['resume', '', '--dir', await make.valid()] }) },
  { name: 'resume-without-id', setup: async (make) => ({ args: ['resume', '--dir', await make.valid()] }) },
  { name: 'resume-two-ids', setup: async (make) => ({ args: ['resume', 'a', 'b', '--dir', await make.valid()] }) },
  {
    name: 'resume-missing-dir',
    setup: async (make) => ({ args: ['resume', '00000000-0000-4000-8000-000000000000', '--dir', await make.missing()] }),
  },
  {
    name: 'read-only-project-with-write',
    setup: async (make) => {
      const dir = await make.valid();
      return { args: [dir, '--write'], wrapper: readOnly(dir) };
    },
  },
  {
    name: 'approve-without-terminal',
    expect: 'suspended',
    setup: async (make) => ({ args: [await make.valid(), '--approve'] }),
  },
];

const hasStackTrace = (text: string): boolean => /^\s+at .+:\d+/m.test(text);

/** The directories the case names (a file's own directory, for a file), and where the CLI starts. */
function watchedDirs(invocation: Invocation, cwd: string): string[] {
  const named = invocation.args
    .filter((arg) => arg.startsWith('/'))
    .map((arg) => (lstatSync(arg, { throwIfNoEntry: false })?.isFile() || /\.(json|txt)$/.test(arg) ? dirname(arg) : arg));
  return [...new Set([cwd, ...named])];
}

async function snapshots(dirs: string[], ignore: (relative: string) => boolean): Promise<Map<string, Tree | undefined>> {
  const entries = await Promise.all(dirs.map(async (dir) => [dir, await snapshotTree(dir, ignore).catch(() => undefined)] as const));
  return new Map(entries);
}

const firstLine = (text: string): string => text.trim().split('\n')[0]?.slice(0, 120) ?? '';

function usageChecks(run: CliRun): (string | false)[] {
  const lines = run.stderr.trimEnd().split('\n');
  return [
    run.timedOut && `still running after ${USAGE_TIMEOUT_MS / 1000} s: a run started`,
    run.code !== 2 && `exit ${run.code ?? run.signal}, not 2: ${firstLine(run.stderr) || `it ran (${firstLine(run.stdout)})`}`,
    hasStackTrace(run.stderr) && `a stack trace on stderr: ${firstLine(run.stderr)}`,
    (run.stderr.trim() === '' || lines.length !== 1) &&
      `${run.stderr.trim() === '' ? 'nothing' : `${lines.length} lines`} on stderr, not one`,
    run.stdout !== '' && `printed on stdout: ${firstLine(run.stdout)}`,
  ];
}

function suspendedChecks(run: CliRun): (string | false)[] {
  return [
    run.timedOut && `still running after ${RUN_TIMEOUT_MS / 1000} s`,
    run.code !== 3 && `exit ${run.code ?? run.signal}, not 3 (awaiting approval)`,
    hasStackTrace(run.stderr) && 'a stack trace on stderr',
    !/improve resume \S+ --dir /.test(run.stderr) && 'no `improve resume <runId> --dir <dir>` hint on stderr',
  ];
}

async function runCase(testCase: BadInputCase): Promise<Outcome> {
  const maker: Maker = {
    project: (files) => makeProject(testCase.name, files),
    valid: () => makeProject(testCase.name, paginate),
    missing: async () => join(await freshDir(`${testCase.name}-parent`), 'does-not-exist'),
  };
  const invocation = await testCase.setup(maker);
  const cwd = invocation.cwd ?? (await freshDir(`${testCase.name}-cwd`));
  const suspended = testCase.expect === 'suspended';
  // A suspended run keeps its state in .improve, as it must; everything else stays as it was.
  const ignore = (path: string) => (suspended && isImproveDir(path)) || (invocation.ignore?.(path) ?? false);
  const dirs = watchedDirs(invocation, cwd);
  try {
    const before = await snapshots(dirs, ignore);
    const run = await runCli(invocation.args, {
      cwd,
      timeoutMs: suspended ? RUN_TIMEOUT_MS : USAGE_TIMEOUT_MS,
      ...(invocation.env && { env: invocation.env }),
      ...(invocation.wrapper && { wrapper: invocation.wrapper }),
    });
    const after = await snapshots(dirs, ignore);
    const changed = dirs.flatMap((dir) => {
      const [was, now] = [before.get(dir), after.get(dir)];
      if (!was || !now) return was === now ? [] : [`${dir} ${was ? 'vanished' : 'appeared'}`];
      const changes = treeChanges(was, now);
      return changes.length > 0 ? [`${dir.split('/').pop()}: ${describeChanges(changes)}`] : [];
    });
    const said = run.stderr.trim().split('\n')[0] ?? '';
    return firstFailure(
      [...(suspended ? suspendedChecks(run) : usageChecks(run)), changed.length > 0 && `changed on disk: ${changed.join('; ')}`],
      suspended ? `exit 3, resume hint, sources untouched (${(run.ms / 1000).toFixed(1)} s)` : `exit 2: ${said}`,
    );
  } finally {
    if (invocation.cleanUp) await rm(invocation.cleanUp, { recursive: true, force: true });
  }
}

export async function runBadInput(): Promise<Verdict[]> {
  // Two at a time: each is a short CLI start, and a hang is bounded by its timeout.
  return mapLimited(BAD_INPUT_CASES, 2, async (testCase) => {
    const verdict = await judge(testCase.name, () => runCase(testCase));
    console.log(`  ${verdict.held ? 'held  ' : 'FAILED'} ${verdict.name}: ${verdict.why}`);
    return verdict;
  });
}

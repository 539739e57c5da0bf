// One suite of a staged program run by its runner in a sandbox, read through the runner's own
// machine-readable output (jest's and vitest's --json, mocha's json reporter, a node:test reporter
// of ours), not through our adapters: an independent account of which tests passed, to hold the
// re-expressed suites (and the adapters) to.
import { z } from 'zod';
import type { Sandbox } from '../../src/sandbox/types.ts';
import type { RunnerName } from '../../src/testing/runners/runner.ts';
import type { CorpusProgram } from '../lib/corpus.ts';
import type { BenchRunner, Suite } from './variants.ts';

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface RunOutcomes {
  /** `<test file, relative> :: <describe names and title, space-joined>` to its outcome. */
  tests: Record<string, Outcome>;
  /** Test files that failed outside their tests (a load error), or why the run left no results. */
  fileErrors: string[];
}

const OUTPUT_FILE = '.bench-direct/results.json';
const NODE_REPORTER_FILE = '.bench-direct/node-reporter.mjs';
const RUN_TIMEOUT_MS = 120_000;

/** node:test events as JSON lines: each test (not suite) with its file and describe path. */
const NODE_REPORTER_SOURCE = `export default async function* reporter(source) {
  const stacks = new Map();
  for await (const { type, data } of source) {
    const stack = stacks.get(data.file) ?? [];
    stacks.set(data.file, stack);
    if (type === 'test:start') {
      stack.length = data.nesting;
      stack.push(data.name);
    } else if ((type === 'test:pass' || type === 'test:fail') && data.details?.type !== 'suite') {
      const status = data.skip !== undefined || data.todo !== undefined ? 'skipped' : type === 'test:pass' ? 'passed' : 'failed';
      yield JSON.stringify({ file: data.file, names: [...stack.slice(0, data.nesting), data.name], status }) + '\\n';
    }
  }
}
`;

const JestJson = z.object({
  testResults: z.array(
    z.object({
      name: z.string(),
      status: z.string(),
      assertionResults: z.array(z.object({ ancestorTitles: z.array(z.string()), title: z.string(), status: z.string() })),
    }),
  ),
});
const MochaTest = z.object({ fullTitle: z.string(), file: z.string().optional() });
const MochaJson = z.object({ passes: z.array(MochaTest), failures: z.array(MochaTest), pending: z.array(MochaTest) });
const NodeLine = z.object({ file: z.string().optional(), names: z.array(z.string()), status: z.enum(['passed', 'failed', 'skipped']) });

const outcomeOf = (status: string): Outcome => (status === 'passed' ? 'passed' : status === 'failed' ? 'failed' : 'skipped');

function relativeTo(workdir: string): (file: string | undefined) => string {
  const prefix = `${workdir.replace(/\/+$/, '')}/`;
  return (file = '?') => {
    const path = file.replace(/^file:\/\//, '');
    return path.startsWith(prefix) ? path.slice(prefix.length) : path;
  };
}

function fromJest(text: string, workdir: string): RunOutcomes {
  const rel = relativeTo(workdir);
  const outcomes: RunOutcomes = { tests: {}, fileErrors: [] };
  for (const file of JestJson.parse(JSON.parse(text)).testResults) {
    for (const test of file.assertionResults) {
      outcomes.tests[`${rel(file.name)} :: ${[...test.ancestorTitles, test.title].join(' ')}`] = outcomeOf(test.status);
    }
    if (file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'))
      outcomes.fileErrors.push(rel(file.name));
  }
  return outcomes;
}

function fromMocha(text: string, workdir: string): RunOutcomes {
  const rel = relativeTo(workdir);
  const json = MochaJson.parse(JSON.parse(text));
  const outcomes: RunOutcomes = { tests: {}, fileErrors: [] };
  const groups: [z.infer<typeof MochaTest>[], Outcome][] = [
    [json.passes, 'passed'],
    [json.failures, 'failed'],
    [json.pending, 'skipped'],
  ];
  for (const [tests, outcome] of groups) {
    for (const test of tests) {
      // A failing hook is reported as a failure named after the hook, not as a test.
      if (/"(before|after) (all|each)" hook/.test(test.fullTitle)) outcomes.fileErrors.push(rel(test.file));
      else outcomes.tests[`${rel(test.file)} :: ${test.fullTitle}`] = outcome;
    }
  }
  return outcomes;
}

function fromNode(text: string, workdir: string): RunOutcomes {
  const rel = relativeTo(workdir);
  const outcomes: RunOutcomes = { tests: {}, fileErrors: [] };
  for (const line of text.split('\n').filter((l) => l.trim() !== '')) {
    const test = NodeLine.parse(JSON.parse(line));
    // A file that fails outside its tests is reported as a failed test named after the file.
    if (test.names.length === 1 && test.file !== undefined && rel(test.names[0]) === rel(test.file))
      outcomes.fileErrors.push(rel(test.file));
    else outcomes.tests[`${rel(test.file)} :: ${test.names.join(' ')}`] = test.status;
  }
  return outcomes;
}

/** Output arguments and reader of each runner's own machine-readable results. */
const OUTPUT: Record<RunnerName, { args: (out: string) => string[]; read: (text: string, workdir: string) => RunOutcomes }> = {
  // The runner config loader: vite would bundle the config into node_modules, read-only here.
  vitest: { args: (out) => ['--configLoader=runner', '--reporter=json', `--outputFile=${out}`], read: fromJest },
  jest: { args: (out) => ['--json', `--outputFile=${out}`], read: fromJest },
  mocha: { args: (out) => ['--reporter=json', `--reporter-option=output=${out}`], read: fromMocha },
  'node-test': {
    args: (out) => [`--test-reporter=./${NODE_REPORTER_FILE}`, `--test-reporter-destination=${out}`],
    read: fromNode,
  },
};

/** Runs one suite of `program` (staged into `sandbox`) with `runner`'s command, and reads its results. */
export async function runDirect(sandbox: Sandbox, runner: BenchRunner, program: CorpusProgram, suite: Suite): Promise<RunOutcomes> {
  const output = OUTPUT[runner.name];
  const out = `${sandbox.workdir}/${OUTPUT_FILE}`;
  await sandbox.writeFile(OUTPUT_FILE, '');
  if (runner.name === 'node-test') await sandbox.writeFile(NODE_REPORTER_FILE, NODE_REPORTER_SOURCE);
  const line = runner.command(program, suite, output.args(out));
  const result = await sandbox.executeCommand(line, [], { timeout: RUN_TIMEOUT_MS });
  const text = await sandbox.readFile(OUTPUT_FILE);
  if (text.trim() === '') {
    const why = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ');
    return { tests: {}, fileErrors: [`${line} left no results (exit ${result.exitCode}): ${why}`] };
  }
  return output.read(text, sandbox.workdir);
}

import { z } from 'zod';
import { RUNNERS, runnerAdapter, runnerLabels } from './runners/registry.ts';
import type { RunnerName, TestRunnerAdapter } from './runners/runner.ts';
import { joinShell, type ShellSegment, splitShell, word } from './shell-words.ts';

/** How to run a project's tests, decided from its package.json or the user's command. */
export type TestCommand =
  | {
      runner: RunnerName;
      /** The whole command line, split; the runner is `segments[at.segment].words[at.word]`. */
      segments: ShellSegment[];
      at: { segment: number; word: number };
      source: string;
    }
  | { runner: 'other'; command: string; source: string }
  | { runner: 'none'; reason: string };

export interface DetectInput {
  /** package.json text; undefined when the project has none. */
  packageJson?: string;
  /** A command given by the user; wins over package.json. */
  override?: string;
  /**
   * The runner the project is set up for (by its dependencies or config files), asked only when it
   * has no test script; see `projectRunner`.
   */
  runnerWithoutScript: () => Promise<RunnerName | undefined>;
}

const PackageJsonSchema = z.object({
  scripts: z.record(z.string(), z.unknown()).optional(),
});

/** Scripts refer to other scripts through a package manager at most this deep. */
const MAX_SCRIPT_DEPTH = 5;

/** Words that run a binary from node_modules, or wrap a runner (coverage), before the runner's name. */
const RUNNER_PREFIXES = [['npx'], ['pnpm', 'exec'], ['pnpm'], ['yarn'], ['bunx'], ['npm', 'exec'], ['nyc'], ['c8'], ['istanbul', 'cover']];

export async function detectTestCommand(input: DetectInput): Promise<TestCommand> {
  const scripts = readScripts(input.packageJson);
  if (input.override !== undefined && input.override.trim() !== '') {
    return fromCommandLine(input.override, 'the given test command', scripts ?? {});
  }
  if (input.packageJson !== undefined && scripts === undefined) {
    return { runner: 'none', reason: 'package.json is not valid JSON' };
  }
  const test = scripts?.test;
  if (test !== undefined && test.trim() !== '') return fromCommandLine(test, 'package.json scripts.test', scripts ?? {});
  const runner = await input.runnerWithoutScript();
  if (runner)
    return fromCommandLine(runnerAdapter(runner).defaultCommand, `${runnerAdapter(runner).label} (no test script)`, scripts ?? {});
  return { runner: 'none', reason: `no test script in package.json, and none of ${runnerLabels()} is set up as its runner` };
}

/** The command line to run, with `extraArgs` added to the runner's invocation. */
export function testCommandLine(command: Exclude<TestCommand, { runner: 'none' }>, extraArgs: readonly string[] = []): string {
  if (command.runner === 'other') return command.command;
  const added = extraArgs.map(word);
  const afterRunner = runnerAdapter(command.runner).argsAt === 'after-runner';
  const segments = command.segments.map((s, i) => {
    if (i !== command.at.segment) return s;
    const at = afterRunner ? command.at.word + 1 : s.words.length;
    return { ...s, words: [...s.words.slice(0, at), ...added, ...s.words.slice(at)] };
  });
  return joinShell(segments);
}

function readScripts(packageJson: string | undefined): Record<string, string> | undefined {
  if (packageJson === undefined) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(packageJson);
  } catch {
    return undefined;
  }
  const parsed = PackageJsonSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const entries = Object.entries(parsed.data.scripts ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string');
  return Object.fromEntries(entries);
}

function fromCommandLine(line: string, source: string, scripts: Record<string, string>): TestCommand {
  const segments = inlineScripts(splitShell(line), scripts, 0);
  for (const [index, segment] of segments.entries()) {
    const found = findRunner(segment.words.map((w) => w.value));
    if (!found) continue;
    const words = found.adapter.asTestRun(segment.words.slice(found.at));
    if (words === 'not-tests') break;
    const rewritten = segments.map((s, i) => (i === index ? { ...s, words: [...segment.words.slice(0, found.at), ...words] } : s));
    return { runner: found.adapter.name, segments: rewritten, at: { segment: index, word: found.at }, source };
  }
  return { runner: 'other', command: joinShell(segments), source };
}

/** Replaces `npm test`, `npm run x`, `pnpm x`, `yarn run x` ... by the scripts they name. */
function inlineScripts(segments: ShellSegment[], scripts: Record<string, string>, depth: number): ShellSegment[] {
  if (depth >= MAX_SCRIPT_DEPTH) return segments;
  return segments.flatMap((segment) => {
    const call = scriptCall(
      segment.words.map((w) => w.value),
      scripts,
    );
    if (!call) return [segment];
    const inner = inlineScripts(splitShell(scripts[call.name]!), scripts, depth + 1);
    const last = inner.at(-1);
    if (!last) return [segment];
    const extra = segment.words.slice(call.argsFrom).filter((w, i) => !(i === 0 && w.value === '--'));
    return [...inner.slice(0, -1), { words: [...last.words, ...extra], operator: segment.operator }];
  });
}

function scriptCall(values: string[], scripts: Record<string, string>): { name: string; argsFrom: number } | undefined {
  const [tool, first, second] = values;
  if (tool === undefined || first === undefined) return undefined;
  const named = (name: string | undefined, argsFrom: number) =>
    name !== undefined && scripts[name] !== undefined ? { name, argsFrom } : undefined;
  if (tool === 'npm' || tool === 'pnpm' || tool === 'yarn' || tool === 'bun') {
    if (first === 'test' || (tool === 'npm' && first === 't')) return named('test', 2);
    if (first === 'run' || first === 'run-script') return named(second, 3);
    if (tool !== 'npm' && tool !== 'bun') return named(first, 2);
  }
  return undefined;
}

/**
 * The runner a simple command invokes and the index of its word: after environment assignments,
 * `cross-env`, and the words that run a binary from node_modules or wrap it (`npx`, `nyc`, with
 * their flags).
 */
function findRunner(values: string[]): { adapter: TestRunnerAdapter; at: number } | undefined {
  let i = 0;
  const skipAssignments = () => {
    while (i < values.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(values[i]!)) i++;
  };
  skipAssignments();
  if (values[i] === 'cross-env') {
    i++;
    skipAssignments();
  }
  const runnerAt = (at: number) => RUNNERS.find((runner) => runner.invokedAt(values, at));
  const prefixAt = (at: number) => RUNNER_PREFIXES.find((p) => p.every((w, k) => values[at + k] === w));
  for (;;) {
    const prefix = prefixAt(i);
    if (!prefix) break;
    i += prefix.length;
    while (i < values.length && values[i]!.startsWith('-')) {
      const flag = values[i++]!;
      // A wrapper's flag may take its value as the next word (`nyc --reporter html mocha`), unless that word is what runs.
      const value = values[i];
      if (!flag.includes('=') && value !== undefined && !value.startsWith('-') && !runnerAt(i) && !prefixAt(i)) i++;
    }
  }
  const adapter = runnerAt(i);
  return adapter ? { adapter, at: i } : undefined;
}

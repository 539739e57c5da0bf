import { z } from 'zod';
import { joinShell, type ShellSegment, type ShellWord, splitShell, word } from './shell-words.ts';

/** How to run a project's tests, decided from its package.json or the user's command. */
export type TestCommand =
  | {
      runner: 'vitest';
      /** The whole command line, split; our flags go at the end of `segments[vitestAt]`. */
      segments: ShellSegment[];
      vitestAt: number;
      source: string;
    }
  | { runner: 'other'; command: string; source: string }
  | { runner: 'none'; reason: string };

export interface DetectInput {
  /** package.json text; undefined when the project has none. */
  packageJson?: string;
  /** A command given by the user; wins over package.json. */
  override?: string;
  /** Whether the project can resolve vitest; asked only when there is no test script. */
  vitestInstalled: () => Promise<boolean>;
}

const PackageJsonSchema = z.object({
  scripts: z.record(z.string(), z.unknown()).optional(),
});

/** Scripts refer to other scripts through a package manager at most this deep. */
const MAX_SCRIPT_DEPTH = 5;

/** Words that run a binary from node_modules, before the binary's name. */
const RUNNER_PREFIXES = [['npx'], ['pnpm', 'exec'], ['pnpm'], ['yarn'], ['bunx'], ['npm', 'exec']];

/** Flags of ours that a project's own would clash with. */
const OWNED_FLAGS = ['--reporter', '--outputFile', '--watch', '-w', '--ui', '--run'];

/**
 * Vite bundles a TypeScript config into node_modules/.vite-temp by default, which fails where
 * node_modules is read-only (a sandbox mounts it so); the runner loader needs no temporary file.
 */
const CONFIG_LOADER = '--configLoader=runner';

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
  if (await input.vitestInstalled()) return fromCommandLine('vitest run', 'vitest (no test script)', scripts ?? {});
  return { runner: 'none', reason: 'no test script in package.json, and vitest is not set up as its runner' };
}

/** The command line to run, with `extraArgs` added to the vitest invocation. */
export function testCommandLine(command: Exclude<TestCommand, { runner: 'none' }>, extraArgs: readonly string[] = []): string {
  if (command.runner === 'other') return command.command;
  const segments = command.segments.map((s, i) => (i === command.vitestAt ? { ...s, words: [...s.words, ...extraArgs.map(word)] } : s));
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
    const words = asVitestRun(segment.words);
    if (words === 'not-vitest') continue;
    if (words === 'not-tests') break;
    const rewritten = segments.map((s, i) => (i === index ? { ...s, words } : s));
    return { runner: 'vitest', segments: rewritten, vitestAt: index, source };
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
 * The words of a vitest invocation rewritten to run once (not watch) with our reporters free to add,
 * 'not-vitest' when the segment runs something else, 'not-tests' when it runs vitest for something
 * other than tests (bench, list, init).
 */
function asVitestRun(words: ShellWord[]): ShellWord[] | 'not-vitest' | 'not-tests' {
  const at = vitestWordIndex(words.map((w) => w.value));
  if (at === undefined) return 'not-vitest';
  const head = words.slice(0, at + 1);
  let rest = words.slice(at + 1);
  const sub = rest[0]?.value;
  if (sub === 'bench' || sub === 'list' || sub === 'init' || sub === 'typecheck') return 'not-tests';
  if (sub === 'run' || sub === 'watch' || sub === 'dev') rest = rest.slice(1);
  const related = sub === 'related';
  if (related) rest = rest.slice(1);
  const kept: ShellWord[] = [];
  for (let i = 0; i < rest.length; i++) {
    const value = rest[i]!.value;
    const flag = OWNED_FLAGS.find((f) => value === f || value.startsWith(`${f}=`) || value.startsWith(`${f}.`));
    if (!flag) {
      kept.push(rest[i]!);
      continue;
    }
    const takesValue = (flag === '--reporter' || flag === '--outputFile') && !value.includes('=');
    if (takesValue) i++;
  }
  const loader = kept.some((w) => w.value.startsWith('--configLoader')) ? [] : [word(CONFIG_LOADER)];
  return related ? [...head, word('related'), word('--run'), ...loader, ...kept] : [...head, word('run'), ...loader, ...kept];
}

function vitestWordIndex(values: string[]): number | undefined {
  let i = 0;
  while (i < values.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(values[i]!)) i++;
  if (values[i] === 'cross-env') {
    i++;
    while (i < values.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(values[i]!)) i++;
  }
  const prefix = RUNNER_PREFIXES.find((p) => p.every((w, k) => values[i + k] === w));
  if (prefix) {
    i += prefix.length;
    while (i < values.length && values[i]!.startsWith('-')) i++;
  }
  const name = values[i];
  if (name === undefined) return undefined;
  return name === 'vitest' || name.endsWith('/vitest') ? i : undefined;
}

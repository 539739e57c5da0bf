/**
 * Checks every corpus program against its bug.json:
 *  1. on the buggy code the visible suite has 4-10 tests, at least one failing and one passing;
 *  2. with the known fix applied (in a temp copy) the visible suite and the held-out file pass;
 *  3. records whether the held-out file also catches the buggy code.
 * All copies run in one warm vitest instance (Node API), which is far cheaper than a cold
 * `vitest run` per program. `--cold` additionally runs `npx vitest run` inside every original
 * program directory (two at a time) to prove the program's own config runs only tests/;
 * `--typecheck` runs tsc (strict, the repo's settings) over the buggy and the fixed TS copies.
 *
 * Usage: node bench/corpus/verify.ts [--cold] [--typecheck] [id-prefix ...]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVitest } from 'vitest/node';
import type { TestModule } from 'vitest/node';
import { BugSchema } from './bug-schema.ts';
import type { Bug } from './bug-schema.ts';

const corpusDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(corpusDir, '..', '..');
const RUN_LIMIT_MS = 300_000;
const TEST_FILE = /\.test\.(ts|js)$/;
const HELDOUT_FILE = /\.heldout\.test\.(ts|js)$/;

interface Program {
  id: string;
  dir: string;
  bug: Bug | undefined;
  fixedSource: string | undefined;
  problems: string[];
}

interface Tally {
  passed: number;
  failed: number;
  other: number;
  loadErrors: number;
  failedNames: string[];
}

type Variant = 'buggy' | 'fixed';
type Suite = 'tests' | 'heldout';

async function listFiles(dir: string, pattern: RegExp): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((name) => pattern.test(name));
}

/** Static checks that need no test run; also prepares the fixed source. */
async function inspect(id: string): Promise<Program> {
  const dir = join(corpusDir, id);
  const program: Program = { id, dir, bug: undefined, fixedSource: undefined, problems: [] };
  const problem = (text: string) => program.problems.push(text);

  const parsed = BugSchema.safeParse(JSON.parse(await readFile(join(dir, 'bug.json'), 'utf8')));
  if (!parsed.success) {
    problem(`bug.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return program;
  }
  const bug = parsed.data;
  program.bug = bug;

  const sourcePath = join(dir, bug.file);
  if (!existsSync(sourcePath)) {
    problem(`${bug.file} does not exist`);
    return program;
  }
  const source = await readFile(sourcePath, 'utf8');
  const occurrences = source.split(bug.fix.search).length - 1;
  if (occurrences !== 1) problem(`fix.search occurs ${occurrences} times in ${bug.file}, expected once`);
  else program.fixedSource = source.replace(bug.fix.search, () => bug.fix.replace);
  const lines = source.trimEnd().split('\n').length;
  if (lines < 20 || lines > 80) problem(`${bug.file} has ${lines} lines, expected 20-80`);

  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const scripts = pkg.scripts as Record<string, string> | undefined;
  if (scripts?.test !== 'vitest run tests') problem('package.json scripts.test must be "vitest run tests"');
  if (pkg.dependencies || pkg.devDependencies) problem('package.json must not declare dependencies');
  if (!existsSync(join(dir, 'vitest.config.ts'))) problem('vitest.config.ts is missing');
  if ((await listFiles(join(dir, 'tests'), TEST_FILE)).length === 0) problem('no test file in tests/');
  if ((await listFiles(join(dir, 'heldout'), HELDOUT_FILE)).length === 0) problem('no *.heldout.test file in heldout/');
  return program;
}

/** Copies each program twice (buggy, fixed) into a temp root that can resolve the repo's vitest. */
async function prepareWorkspace(programs: readonly Program[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'corpus-verify-'));
  await symlink(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  for (const program of programs) {
    for (const variant of ['buggy', 'fixed'] as const) {
      const target = join(root, variant, program.id);
      await cp(program.dir, target, { recursive: true });
      if (variant === 'fixed' && program.bug && program.fixedSource !== undefined) {
        await writeFile(join(target, program.bug.file), program.fixedSource);
      }
    }
  }
  return root;
}

async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Promise<void>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), ms);
  });
  const first = await Promise.race([work, expired]);
  clearTimeout(timer);
  if (first !== 'expired') return first;
  await onTimeout();
  return work;
}

function emptyTally(): Tally {
  return { passed: 0, failed: 0, other: 0, loadErrors: 0, failedNames: [] };
}

/** Runs every copied test file once and tallies results per variant/program/suite. */
async function runAll(root: string): Promise<{ tallies: Map<string, Tally>; unhandled: Map<string, number> }> {
  const vitest = await createVitest('test', {
    root,
    config: false,
    watch: false,
    reporters: [],
    include: ['*/*/tests/**/*.test.{ts,js}', '*/*/heldout/**/*.heldout.test.{ts,js}'],
    pool: 'threads',
    testTimeout: 5_000,
  });
  try {
    await vitest.standalone();
    const specs = await vitest.globTestSpecifications();
    const result = await withTimeout(vitest.runTestSpecifications(specs), RUN_LIMIT_MS, async () => {
      console.error(`run exceeded ${RUN_LIMIT_MS} ms, cancelling`);
      await vitest.cancelCurrentRun('keyboard-input');
      await vitest.cancelCurrentRun('keyboard-input');
    });
    const tallies = new Map<string, Tally>();
    for (const module of result.testModules) tallyModule(root, module, tallies);
    const unhandled = new Map<string, number>();
    for (const error of result.unhandledErrors) {
      const path = (error as { VITEST_TEST_PATH?: string }).VITEST_TEST_PATH ?? '';
      const key = path ? relative(root, path).split(sep).slice(0, 2).join('/') : '(unknown)';
      unhandled.set(key, (unhandled.get(key) ?? 0) + 1);
    }
    return { tallies, unhandled };
  } finally {
    await vitest.close();
  }
}

function tallyModule(root: string, module: TestModule, tallies: Map<string, Tally>): void {
  const [variant, id, suite] = relative(root, module.moduleId).split(sep);
  const key = `${variant}/${id}/${suite}`;
  const tally = tallies.get(key) ?? emptyTally();
  tallies.set(key, tally);
  if (module.errors().length > 0) tally.loadErrors++;
  for (const test of module.children.allTests()) {
    const state = test.result().state;
    if (state === 'passed') tally.passed++;
    else tally[state === 'failed' ? 'failed' : 'other']++;
    if (state !== 'passed') tally.failedNames.push(test.fullName);
  }
}

function total(t: Tally): number {
  return t.passed + t.failed + t.other;
}

function green(t: Tally): boolean {
  return t.loadErrors === 0 && t.failed === 0 && t.other === 0 && t.passed > 0;
}

/** Applies the run-based rules to one program; returns its summary cells. */
function judge(program: Program, tallies: Map<string, Tally>, unhandled: Map<string, number>): string {
  const get = (variant: Variant, suite: Suite) => tallies.get(`${variant}/${program.id}/${suite}`) ?? emptyTally();
  const problem = (text: string) => program.problems.push(text);
  const visibleBuggy = get('buggy', 'tests');
  const visibleFixed = get('fixed', 'tests');
  const heldoutBuggy = get('buggy', 'heldout');
  const heldoutFixed = get('fixed', 'heldout');
  const visibleCount = total(visibleBuggy);

  if (visibleBuggy.loadErrors > 0) problem('visible suite fails to load on the buggy code');
  if (visibleCount < 4 || visibleCount > 10) problem(`visible suite has ${visibleCount} tests, expected 4-10`);
  if (visibleBuggy.failed === 0) problem('no visible test fails on the buggy code');
  if (visibleBuggy.passed === 0) problem('no visible test passes on the buggy code');
  if (!green(visibleFixed) || total(visibleFixed) !== visibleCount) {
    problem(`visible suite is not green after the fix (${visibleFixed.failedNames.join(' | ')})`);
  }
  if (!green(heldoutFixed)) problem(`held-out tests are not green after the fix (${heldoutFixed.failedNames.join(' | ')})`);
  if ((unhandled.get(`fixed/${program.id}`) ?? 0) > 0) problem('unhandled errors after the fix');

  const heldoutCount = total(heldoutFixed);
  const heldoutOnBug = heldoutBuggy.loadErrors > 0 ? 'load error' : heldoutBuggy.failed > 0 ? 'catches bug' : 'passes bug';
  return [
    `visible ${visibleBuggy.passed}/${visibleCount} -> ${visibleFixed.passed}/${total(visibleFixed)}`,
    `heldout ${heldoutBuggy.passed}/${total(heldoutBuggy)} -> ${heldoutFixed.passed}/${heldoutCount} (${heldoutOnBug})`,
  ].join('  ');
}

/** `npx vitest run` in the original directory: its own config must run exactly the visible suite. */
async function coldCheck(program: Program, root: string, expectedTests: number): Promise<void> {
  const outputFile = join(root, `cold-${program.id}.json`);
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('npx', ['--no-install', 'vitest', 'run', '--reporter=json', `--outputFile=${outputFile}`], {
      cwd: program.dir,
      stdio: 'ignore',
    });
    child.on('close', resolve);
  });
  if (!existsSync(outputFile)) {
    program.problems.push(`cold run wrote no report (exit ${code})`);
    return;
  }
  const report = JSON.parse(await readFile(outputFile, 'utf8')) as { numTotalTests: number; numFailedTests: number };
  if (report.numTotalTests !== expectedTests) {
    program.problems.push(`cold run saw ${report.numTotalTests} tests, expected the ${expectedTests} visible ones`);
  }
  if (code === 0 || report.numFailedTests === 0) program.problems.push('cold run passed on the buggy code');
}

/** tsc over both copies; a fix must not introduce type errors, nor may the seeded bug need one. */
async function typecheck(root: string): Promise<string[]> {
  const config = {
    extends: join(repoRoot, 'tsconfig.json'),
    compilerOptions: { noEmit: true, types: ['node'], typeRoots: [join(repoRoot, 'node_modules', '@types')] },
    include: ['*/*/src/**/*.ts', '*/*/tests/**/*.ts', '*/*/heldout/**/*.ts'],
  };
  await writeFile(join(root, 'tsconfig.json'), JSON.stringify(config));
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const output = await new Promise<string>((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { cwd: root });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('close', () => resolve(text));
  });
  return output.split('\n').filter((line) => /error TS\d+/.test(line));
}

async function inPairs<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all([worker(), worker()]);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const cold = args.includes('--cold');
  const filters = args.filter((a) => !a.startsWith('--'));
  const ids = (await readdir(corpusDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && /^\d{2}-[a-z0-9-]+$/.test(e.name))
    .map((e) => e.name)
    .filter((id) => filters.length === 0 || filters.some((f) => id.startsWith(f)))
    .sort();
  if (ids.length === 0) {
    console.error('no corpus programs matched');
    return 2;
  }

  const programs = await Promise.all(ids.map(inspect));
  const root = await prepareWorkspace(programs);
  try {
    const started = Date.now();
    const { tallies, unhandled } = await runAll(root);
    const cells = new Map(programs.map((p) => [p.id, judge(p, tallies, unhandled)]));
    if (unhandled.size > 0) console.log(`unhandled errors: ${[...unhandled].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    if (args.includes('--typecheck')) {
      for (const line of await typecheck(root)) {
        const [variant, id] = line.split('/');
        const program = programs.find((p) => p.id === id);
        if (program) program.problems.push(`type error in the ${variant} copy: ${line.slice(line.indexOf('error'))}`);
        else console.error(line);
      }
    }
    if (cold) {
      await inPairs(programs, (p) => coldCheck(p, root, total(tallies.get(`buggy/${p.id}/tests`) ?? emptyTally())));
    }

    const width = Math.max(...ids.map((id) => id.length));
    for (const program of programs) {
      const kind = program.bug ? `${program.bug.kind}/${program.bug.subkind}` : '?';
      const verdict = program.problems.length === 0 ? 'ok' : `FAIL: ${program.problems.join('; ')}`;
      console.log(`${program.id.padEnd(width)}  ${kind.padEnd(36)}  ${cells.get(program.id)}  ${verdict}`);
    }
    const byKind = new Map<string, number>();
    for (const p of programs) if (p.bug) byKind.set(p.bug.kind, (byKind.get(p.bug.kind) ?? 0) + 1);
    const hard = programs.filter((p) => p.bug?.difficulty === 'hard').length;
    const failing = programs.filter((p) => p.problems.length > 0).length;
    const catching = [...cells.values()].filter((c) => c.includes('(catches bug)')).length;
    console.log(`\nkinds: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    console.log(
      `${programs.length} programs, ${programs.length - failing} ok, ${failing} with problems; ` +
        `${hard} hard; held-out file catches the bug in ${catching}; ${Date.now() - started} ms`,
    );
    return failing === 0 ? 0 : 1;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

process.exitCode = await main();

// The validator worker: runs INSIDE the sandbox, started by the host with the project root as its
// working directory. It keeps one warm vitest (Node API, threads pool, no isolation) and validates
// candidate patches on request, so each candidate costs a test run instead of a vitest start.
//
// Self-contained on purpose: it is copied into the sandbox as plain JavaScript (install.ts), run
// there by the project's own Node (20 or later: no newer APIs here), and imports only Node
// built-ins, vitest from the project's node_modules and the request loop installed beside it;
// protocol.ts is imported for its types alone.
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Reporter, TestModule, TestModuleState, TestRunResult, TestSpecification, Vitest } from 'vitest/node';
import type { CoverageEntry, CoveredLines, EntryResult, RunEntry, TestState, WorkerConfig } from './protocol.ts';
import { fail, openInbox, type RunRequest, send, serveRequests, sleep } from './worker-loop.ts';

/** After a cancelled run, how long to wait for vitest to settle before giving up on this process. */
const CANCEL_SETTLE_MS = 10_000;
/** How often a running run's limits are checked. */
const WATCH_MS = 25;
const CANCEL_REASON = 'timeout' as Parameters<Vitest['cancelCurrentRun']>[0];
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const root = process.cwd();
const stateDir = path.join(root, config.stateDir);
const slotsDir = path.join(stateDir, 'slots');
// Installed beside this script, with the same extension.
const coverageSetupFile = path.join(stateDir, `coverage-setup${path.extname(fileURLToPath(import.meta.url))}`);

const toRel = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');

function createWarmVitest(): Promise<Vitest> {
  return import('vitest/node').then(({ createVitest }) =>
    createVitest('test', {
      root,
      watch: false,
      reporters: [progressReporter],
      pool: 'threads',
      isolate: false,
      fileParallelism: false,
      // Vite's default bundles a TS config into node_modules/.vite-temp, read-only in a sandbox.
      configLoader: 'runner',
    }),
  );
}

// ---- slots: copies of the project, one per candidate of a batch ----

interface Slot {
  dir: string;
  /** Project-relative file -> its original content (undefined: the file did not exist). */
  patched: Map<string, string | undefined>;
  ready: boolean;
}

/** Project files worth copying into a slot, or null when the project is too big for slots. */
async function listProjectFiles(): Promise<string[] | null> {
  const files: string[] = [];
  let bytes = 0;
  const walk = async (dir: string): Promise<boolean> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name) || entry.name.startsWith('.')) continue;
        if (!(await walk(abs))) return false;
      } else if (entry.isFile()) {
        bytes += (await stat(abs)).size;
        files.push(toRel(abs));
        if (files.length > config.maxSlotFiles || bytes > config.maxSlotBytes) return false;
      }
    }
    return true;
  };
  return (await walk(root)) ? files : null;
}

async function prepareSlot(slot: Slot, projectFiles: string[]): Promise<void> {
  if (slot.ready) return;
  await rm(slot.dir, { recursive: true, force: true });
  for (const rel of projectFiles) {
    const target = path.join(slot.dir, rel);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(root, rel), target);
  }
  slot.ready = true;
}

async function readOriginal(rel: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(root, rel), 'utf8');
  } catch {
    return undefined;
  }
}

/** Puts exactly `files` (on top of the original project) into the slot, invalidating what changed. */
async function applyFiles(vitest: Vitest, slot: Slot, files: Record<string, string>): Promise<void> {
  const outside = Object.keys(files).find((rel) => path.isAbsolute(rel) || toRel(path.join(root, rel)).startsWith('..'));
  if (outside !== undefined) throw new Error(`candidate file outside the project: ${outside}`);
  for (const [rel, original] of [...slot.patched]) {
    if (rel in files) continue;
    const abs = path.join(slot.dir, rel);
    if (original === undefined) await rm(abs, { force: true });
    else await writeFile(abs, original);
    vitest.invalidateFile(abs);
    slot.patched.delete(rel);
  }
  for (const [rel, content] of Object.entries(files)) {
    if (!slot.patched.has(rel)) slot.patched.set(rel, await readOriginal(rel));
    const abs = path.join(slot.dir, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
    vitest.invalidateFile(abs);
  }
}

/** Candidates run in place patch the project itself (restored after each run). */
const inPlace: Slot = { dir: root, patched: new Map(), ready: true };

// ---- running ----

/** When the running tests last showed a sign of life: vitest reports modules and tests as they go. */
let lastProgress = 0;
const touch = (): void => {
  lastProgress = performance.now();
};
const progressReporter: Reporter = {
  onTestModuleQueued: touch,
  onTestModuleCollected: touch,
  onTestModuleStart: touch,
  onTestModuleEnd: touch,
  onTestCaseReady: touch,
  onTestCaseResult: touch,
  onHookStart: touch,
  onHookEnd: touch,
};

interface RunLimits {
  timeoutMs: number;
  /** The run counts as hung once nothing has happened for this long. */
  stallMs: number;
}

/**
 * Runs specs within limits: the whole run's time, and the time without any progress (so a hung
 * candidate costs about `stallMs`, however big its batch). A synchronous infinite loop never lets
 * vitest's own test timeout fire, so a run over its limits is cancelled twice (the second
 * terminates the thread); the modules that had not finished are then pending or queued.
 */
async function runWithin(
  vitest: Vitest,
  specs: TestSpecification[],
  limits: RunLimits,
): Promise<{ modules: readonly TestModule[]; timedOut: boolean }> {
  touch();
  const started = performance.now();
  let result: TestRunResult | undefined;
  let failure: unknown;
  let finished = false;
  const settled = vitest.runTestSpecifications(specs).then(
    (value) => {
      result = value;
    },
    (error: unknown) => {
      failure = error ?? new Error('the run failed');
    },
  );
  void settled.finally(() => (finished = true));
  while (!finished) {
    await Promise.race([settled, sleep(WATCH_MS)]);
    const now = performance.now();
    if (!finished && (now - started > limits.timeoutMs || now - lastProgress > limits.stallMs)) break;
  }
  const timedOut = !finished;
  if (timedOut) {
    void vitest.cancelCurrentRun(CANCEL_REASON);
    await sleep(10);
    void vitest.cancelCurrentRun(CANCEL_REASON);
    const settles = await Promise.race([settled.then(() => true), sleep(CANCEL_SETTLE_MS).then(() => false)]);
    if (!settles) {
      fail('a cancelled run did not settle; the worker exits to be restarted');
      process.exit(3);
    }
  }
  if (failure !== undefined) throw failure;
  return { modules: result!.testModules, timedOut };
}

function collectModule(module: TestModule, relFile: string, into: EntryResult): void {
  for (const test of module.children.allTests()) {
    into.states[`${relFile} > ${test.fullName}`] = test.result().state as TestState;
  }
  const errors = module.errors();
  if (errors.length > 0) into.fileErrors[relFile] = (errors[0]?.message ?? 'error').slice(0, 2000);
}

async function handleRun(
  vitest: Vitest,
  slots: Slot[],
  projectFiles: string[] | null,
  testFiles: ReadonlySet<string>,
  request: RunRequest,
): Promise<void> {
  const started = performance.now();
  const useSlots = request.useSlots && projectFiles !== null && request.entries.length <= slots.length;
  if (!useSlots && request.entries.length > 1) {
    fail('in-place runs take one entry at a time', request.id);
    return;
  }
  if (useSlots && request.coverage) {
    fail('coverage is taken in place only', request.id);
    return;
  }
  const places: { entry: RunEntry; slot: Slot }[] = [];
  const results: EntryResult[] = [];
  let coverage: CoverageEntry[] | undefined;
  try {
    for (const [i, entry] of request.entries.entries()) {
      const slot = useSlots ? slots[i]! : inPlace;
      if (useSlots) await prepareSlot(slot, projectFiles!);
      await applyFiles(vitest, slot, entry.files);
      places.push({ entry, slot });
      results.push({ key: entry.key, states: {}, fileErrors: {}, timedOut: false, starved: false });
    }
    const project = vitest.getRootProject();
    const specs = places.flatMap(({ entry, slot }) => entry.specs.map((spec) => project.createSpecification(path.join(slot.dir, spec))));
    const runSpecs = () => runWithin(vitest, specs, { timeoutMs: request.timeoutMs, stallMs: request.stallMs });
    const run = request.coverage ? await withCoverageSetup(vitest, runSpecs) : await runSpecs();
    // The result also lists the modules of earlier runs; only this run's specs count.
    const ran = new Set(specs.map((spec) => spec.moduleId));
    const modules = run.modules.filter((module) => ran.has(module.moduleId));
    if (request.coverage) coverage = coverageOf(vitest, modules, testFiles);
    const states = new Map<string, TestModuleState>();
    for (const module of modules) {
      const index = places.findIndex(({ slot }) => module.moduleId.startsWith(slot.dir + path.sep));
      if (index < 0) continue;
      collectModule(module, toRel(path.join(root, path.relative(places[index]!.slot.dir, module.moduleId))), results[index]!);
      states.set(module.moduleId, module.state());
    }
    // Files run one after another, so in a run that hit its limit the entries whose files all
    // finished keep their verdict, the one whose file was running hangs, and the ones whose
    // files never started get no verdict.
    if (run.timedOut) {
      places.forEach(({ entry, slot }, i) => {
        const fileStates = entry.specs.map((spec) => states.get(path.join(slot.dir, spec)) ?? 'queued');
        results[i]!.timedOut = fileStates.includes('pending');
        results[i]!.starved = !results[i]!.timedOut && fileStates.includes('queued');
      });
    }
  } finally {
    // The project itself is never left patched between requests.
    if (!useSlots) await applyFiles(vitest, inPlace, {});
  }
  send({
    type: 'run-result',
    id: request.id,
    ms: performance.now() - started,
    entries: results,
    ...(coverage ? { coverage } : {}),
  });
}

// ---- per-test coverage ----

/** Maps lines of vitest's transformed code back to source lines through its source maps. */
function sourceLines(vitest: Vitest, file: string, generated: number[]): number[] {
  const environments = Object.values(vitest.getRootProject().vite.environments);
  const transformed = environments
    .map((environment) => environment.moduleGraph.getModuleById(file)?.transformResult)
    .find((result) => result?.map && 'mappings' in result.map);
  if (!transformed?.map || !('mappings' in transformed.map)) return [];
  const map = new SourceMap(transformed.map as ConstructorParameters<typeof SourceMap>[0]);
  const codeLines = transformed.code.split('\n');
  const lines = new Set<number>();
  for (const line of generated) {
    const column = Math.max(0, (codeLines[line] ?? '').search(/\S/));
    const entry = map.findEntry(line, column);
    if (entry && 'originalLine' in entry) lines.add(entry.originalLine + 1);
  }
  return [...lines].sort((a, b) => a - b);
}

/**
 * Runs with the coverage setup file added to the warm instance's setup files (each run starts
 * fresh test threads, so the next run is back to normal).
 */
async function withCoverageSetup<T>(vitest: Vitest, run: () => Promise<T>): Promise<T> {
  const lists = [vitest.config.setupFiles, vitest.getRootProject().config.setupFiles];
  for (const list of new Set(lists)) list.push(coverageSetupFile);
  try {
    return await run();
  } finally {
    for (const list of new Set(lists)) list.splice(list.lastIndexOf(coverageSetupFile), 1);
  }
}

/** Per test of an in-place run with the coverage setup: the source lines it executed. */
function coverageOf(vitest: Vitest, modules: readonly TestModule[], testFiles: ReadonlySet<string>): CoverageEntry[] {
  const entries: CoverageEntry[] = [];
  for (const module of modules) {
    const relFile = toRel(module.moduleId);
    for (const test of module.children.allTests()) {
      const generated = (test.meta() as { coveredLines?: Record<string, number[]> }).coveredLines ?? {};
      const lines: CoveredLines = {};
      for (const [url, generatedLines] of Object.entries(generated)) {
        const file = fileURLToPath(url);
        const rel = toRel(file);
        if (rel.startsWith('..') || testFiles.has(rel) || rel.startsWith(config.stateDir)) continue;
        const mapped = sourceLines(vitest, file, generatedLines);
        if (mapped.length > 0) lines[rel] = mapped;
      }
      entries.push({ id: `${relFile} > ${test.fullName}`, state: test.result().state as TestState, lines });
    }
  }
  return entries;
}

// ---- start, then requests until shutdown ----

async function main(): Promise<void> {
  const started = performance.now();
  // Leftovers of a killed predecessor: stale requests and slot copies.
  await rm(slotsDir, { recursive: true, force: true });
  await openInbox(config);
  const vitest = await createWarmVitest();
  // Vitest 3 calls it init(); 4 and later standalone(): both start without running a test.
  const { standalone, init } = vitest as Vitest & { standalone?: () => Promise<void>; init?: () => Promise<void> };
  await (standalone ?? init)!.call(vitest);
  const testFiles = (await vitest.globTestSpecifications())
    .map((spec) => toRel(spec.moduleId))
    .filter((file) => !file.startsWith(config.stateDir));
  const testFileSet = new Set(testFiles);
  const projectFiles = config.slots > 0 ? await listProjectFiles() : null;
  const slots: Slot[] = Array.from({ length: config.slots }, (_, i) => ({
    dir: path.join(slotsDir, `s${i}`),
    patched: new Map(),
    ready: false,
  }));
  send({
    type: 'ready',
    testFiles: [...new Set(testFiles)].sort(),
    slots: projectFiles !== null,
    startMs: performance.now() - started,
  });

  await serveRequests(config, (request) => handleRun(vitest, slots, projectFiles, testFileSet, request));
  await rm(slotsDir, { recursive: true, force: true });
  send({ type: 'bye' });
  await Promise.race([vitest.close(), sleep(5_000)]);
  process.exit(0);
}

main().catch((error: unknown) => {
  fail(`validator worker failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});

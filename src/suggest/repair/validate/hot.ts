import type { Sandbox } from '../../../sandbox/types.ts';
import { toFileResults } from '../../../testing/json-results.ts';
import { outcomeOfFiles } from './outcome.ts';
import type { CandidateOutcome, CandidateRunner, CandidateRunOptions, RunEntry } from './runner.ts';
import { type RunnerCommand, runnerCommand } from './runner-command.ts';
import type { CoverageEntry, Message, ReportedEntry, WarmRunner } from './scripts/protocol.ts';
import { type RequestBody, WorkerConnection, WorkerLostError, type WorkerStartOptions } from './worker-connection.ts';

export interface HotRunnerOptions {
  sandbox: Sandbox;
  /** The project's runner (default vitest). Mocha's and jest's workers run one candidate per run, in place. */
  runner?: WarmRunner;
  /** The user's test command, when given (package.json's otherwise): mocha's and jest's workers read their config from it. */
  testCommand?: string;
  /** Candidates per vitest run, each in its own copy of the project; 1 validates in place. */
  batchSize?: number;
  /** Limit per candidate on a run (a batch of K gets K times this); a candidate that hits it counts as timed out. */
  perRunTimeoutMs?: number;
  /**
   * A run without any progress (no test or module started or finished) for this long is hung
   * (default: no stall limit, only the run's time limit). Set it when tests are known to be quick.
   */
  stallMs?: number;
  /** Take per-test line coverage in the run of the unpatched project (for fault localization; vitest only). */
  coverage?: boolean;
  /** The Node binary inside the sandbox. */
  node?: string;
  startTimeoutMs?: number;
  /** Upper bound on the worker's life (the timeout of the command that runs it). */
  lifetimeMs?: number;
}

type Settings = Required<Omit<HotRunnerOptions, 'testCommand'>> & { command?: RunnerCommand };

async function settingsOf(options: HotRunnerOptions): Promise<Settings> {
  const runner = options.runner ?? 'vitest';
  if (runner !== 'vitest' && options.coverage) throw new Error(`the warm ${runner} worker takes no coverage`);
  return {
    sandbox: options.sandbox,
    runner,
    // vitest's worker reads the project's config through vitest's API; the others from the command.
    ...(runner === 'vitest' ? {} : { command: await runnerCommand(options.sandbox, runner, options.testCommand) }),
    batchSize: options.batchSize ?? 8,
    perRunTimeoutMs: options.perRunTimeoutMs ?? 5_000,
    stallMs: options.stallMs ?? Infinity,
    coverage: options.coverage ?? false,
    node: options.node ?? 'node',
    startTimeoutMs: options.startTimeoutMs ?? 60_000,
    lifetimeMs: options.lifetimeMs ?? 60 * 60_000,
  };
}

/** Time the worker gets beyond the run's own limit to cancel a hung run and answer. */
const REPLY_GRACE_MS = 15_000;
/** Limit on the runs of the unpatched project (the suite itself is known to finish). */
const UNPATCHED_TIMEOUT_MS = 120_000;
const UNPATCHED_LIMITS = { timeoutMs: UNPATCHED_TIMEOUT_MS, stallMs: UNPATCHED_TIMEOUT_MS };

/** The unpatched project's run, measured once at start. */
interface Unpatched {
  outcome: CandidateOutcome;
  coverage?: CoverageEntry[];
}

/**
 * Validates candidates with one warm test runner kept running inside the sandbox (the validator
 * worker): vitest, or mocha or jest, whose workers keep the runner loaded in a process of their own
 * and run each candidate in place, the project's modules loaded afresh (see process-worker.ts).
 *
 * A batch of candidates shares one run, each in its own slot copy of the project. A hung candidate
 * costs its batch one run: those that never started run again. A worker that stops answering is
 * killed and restarted.
 */
export class HotRunner implements CandidateRunner {
  readonly kind = 'hot';
  readonly #settings: Settings;
  readonly #unpatched: Unpatched;
  #worker: WorkerConnection;
  #restarts = 0;
  #slotsTrusted = false;

  private constructor(settings: Settings, worker: WorkerConnection, unpatched: Unpatched) {
    this.#settings = settings;
    this.#worker = worker;
    this.#unpatched = unpatched;
  }

  /**
   * Starts the worker and runs the unpatched project (with coverage when asked), in place and in a
   * slot; a worker that reloads the project in one process runs it twice, to see it repeat.
   */
  static async start(options: HotRunnerOptions): Promise<HotRunner> {
    const settings = await settingsOf(options);
    const worker = await WorkerConnection.start(workerOptions(settings));
    try {
      const specs = [...worker.ready.testFiles];
      const reply = await worker.request(
        {
          type: 'run',
          entries: [{ key: 'unpatched', files: {}, specs }],
          useSlots: false,
          coverage: settings.coverage,
          ...UNPATCHED_LIMITS,
        },
        UNPATCHED_TIMEOUT_MS + REPLY_GRACE_MS,
      );
      const outcome = runResult(reply, settings.sandbox.workdir).entries[0];
      if (!outcome || outcome.timedOut) throw new Error('the unpatched test suite did not finish in the warm validator');
      const broken = reply.type === 'reported-run-result' ? brokenRun(reply.entries[0]) : undefined;
      if (broken) throw new Error(`the warm run of the unpatched project left no results: ${broken}`);
      const coverage = reply.type === 'run-result' ? reply.coverage : undefined;
      const runner = new HotRunner(settings, worker, { outcome, ...(coverage ? { coverage } : {}) });
      await runner.#checkSlots();
      if (settings.runner !== 'vitest') await runner.#checkRepeats();
      return runner;
    } catch (error) {
      await worker.terminate();
      throw error;
    }
  }

  get testFiles(): readonly string[] {
    return this.#worker.ready.testFiles;
  }

  /** Candidates one run takes. */
  get batchSize(): number {
    return this.#slotsTrusted ? this.#settings.batchSize : 1;
  }

  /** How often the worker had to be restarted. */
  get restarts(): number {
    return this.#restarts;
  }

  async unpatched(): Promise<CandidateOutcome> {
    return this.#unpatched.outcome;
  }

  /** Per-test line coverage of the unpatched project, when it was asked for at start. */
  get coverage(): CoverageEntry[] | undefined {
    return this.#unpatched.coverage;
  }

  /**
   * Runs the entries a batch at a time. When a candidate hangs, the entries of its batch that had
   * not started yet go back to the front of the queue; a batch in which nothing started (the
   * worker was lost) is run one entry at a time. `patient` drops the stall limit, for a second
   * look at candidates that timed out.
   */
  async run(entries: RunEntry[], options: CandidateRunOptions = {}): Promise<CandidateOutcome[]> {
    const outcomes = new Map<string, CandidateOutcome>();
    const queue = [...entries];
    while (queue.length > 0) {
      const batch = queue.splice(0, this.batchSize);
      const results = await this.#runBatch(batch, options);
      const starved = batch.filter((_, i) => results[i]!.starved);
      for (const result of results) if (!result.starved) outcomes.set(result.key, result);
      if (starved.length === batch.length && batch.length > 1) {
        for (const entry of batch) for (const result of await this.#runBatch([entry], options)) outcomes.set(result.key, result);
      } else {
        queue.unshift(...starved);
      }
    }
    return entries.map((entry) => outcomes.get(entry.key)!);
  }

  async close(): Promise<void> {
    await this.#worker.stop();
  }

  async #runBatch(batch: RunEntry[], options: CandidateRunOptions): Promise<CandidateOutcome[]> {
    const timeoutMs = this.#settings.perRunTimeoutMs * batch.length;
    const stallMs = options.patient ? timeoutMs : Math.min(this.#settings.stallMs, timeoutMs);
    try {
      const reply = await this.#request(
        { type: 'run', entries: batch, useSlots: this.batchSize > 1, timeoutMs, stallMs, coverage: false },
        timeoutMs,
      );
      return runResult(reply, this.#settings.sandbox.workdir).entries;
    } catch (error) {
      if (!(error instanceof WorkerLostError)) throw error;
      // The worker died or wedged on this batch and was restarted: a lone candidate counts as
      // hung, the candidates of a batch get another chance one by one.
      return batch.map((entry) => ({
        key: entry.key,
        states: {},
        fileErrors: {},
        timedOut: batch.length === 1,
        starved: batch.length > 1,
      }));
    }
  }

  /** One request; a lost worker is restarted before the error goes up. */
  async #request(body: RequestBody, runTimeoutMs: number) {
    try {
      return await this.#worker.request(body, runTimeoutMs + REPLY_GRACE_MS);
    } catch (error) {
      if (error instanceof WorkerLostError) await this.#restart();
      throw error;
    }
  }

  async #restart(): Promise<void> {
    await this.#worker.terminate();
    this.#restarts++;
    this.#worker = await WorkerConnection.start(workerOptions(this.#settings));
  }

  /**
   * Slot copies can behave differently from the project itself (e.g. an alias that points at an
   * absolute path). The unpatched project must give the same results in a slot as in place;
   * otherwise candidates run in place, one per run.
   */
  async #checkSlots(): Promise<void> {
    if (!this.#worker.ready.slots || this.#settings.batchSize <= 1) return;
    const entry = { key: 'unpatched-in-slot', files: {}, specs: [...this.testFiles] };
    const reply = await this.#request(
      { type: 'run', entries: [entry], useSlots: true, coverage: false, ...UNPATCHED_LIMITS },
      UNPATCHED_TIMEOUT_MS,
    );
    const inSlot = runResult(reply, this.#settings.sandbox.workdir).entries[0]?.states;
    this.#slotsTrusted = sameStates(inSlot, this.#unpatched.outcome.states);
  }

  /**
   * A worker that runs every candidate in one process (mocha's, jest's) must see the unpatched
   * project again as it saw it first: tests that leave something behind (a server still listening,
   * a global) would make every later run judge the leftovers rather than the candidate.
   */
  async #checkRepeats(): Promise<void> {
    const entry = { key: 'unpatched-again', files: {}, specs: [...this.testFiles] };
    const reply = await this.#request(
      { type: 'run', entries: [entry], useSlots: false, coverage: false, ...UNPATCHED_LIMITS },
      UNPATCHED_TIMEOUT_MS,
    );
    const again = runResult(reply, this.#settings.sandbox.workdir).entries[0]?.states;
    if (!sameStates(again, this.#unpatched.outcome.states)) {
      throw new Error("the project's tests give other results when run again in the same process (they leave state behind)");
    }
  }
}

/**
 * The outcomes of a run's entries. A worker that reports through the runner's own reporter sends
 * its Jest-format results: they are read as the report reads them, so the test ids are the report's.
 */
function runResult(reply: Message, workdir: string): { entries: CandidateOutcome[] } {
  if (reply.type === 'run-result') return reply;
  if (reply.type === 'reported-run-result') {
    return {
      entries: reply.entries.map((entry) => ({
        ...outcomeOfFiles(entry.key, entry.results ? toFileResults(entry.results, workdir) : [], entry.timedOut),
        starved: entry.starved,
      })),
    };
  }
  throw new Error(
    reply.type === 'error' ? `validator worker: ${reply.message}` : `unexpected reply from the validator worker: ${reply.type}`,
  );
}

/** Why a reported run has no results, when it has none and did not time out. */
function brokenRun(entry: ReportedEntry | undefined): string | undefined {
  if (!entry || entry.results || entry.timedOut) return undefined;
  return entry.error ?? 'no reason given';
}

function workerOptions(settings: Settings): WorkerStartOptions {
  return {
    sandbox: settings.sandbox,
    runner: settings.runner,
    ...(settings.command ? { command: settings.command } : {}),
    slots: settings.batchSize > 1 ? settings.batchSize : 0,
    node: settings.node,
    startTimeoutMs: settings.startTimeoutMs,
    lifetimeMs: settings.lifetimeMs,
  };
}

function sameStates(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const sorted = (states: Record<string, string> | undefined) => Object.entries(states ?? {}).sort(([x], [y]) => x.localeCompare(y));
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

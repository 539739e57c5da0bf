import type { Sandbox } from '../../../sandbox/types.ts';
import type { CandidateRunner, RunEntry, RunOutcome } from './runner.ts';
import type { CoverageEntry } from './scripts/protocol.ts';
import { WorkerConnection, WorkerLostError, type RequestBody } from './worker-connection.ts';

export interface HotRunnerOptions {
  sandbox: Sandbox;
  /** Candidates per vitest run, each in its own copy of the project; 1 validates in place. */
  batchSize?: number;
  /** Limit on one run; a candidate that hits it counts as timed out. */
  perRunTimeoutMs?: number;
  /** The Node binary inside the sandbox. */
  node?: string;
  startTimeoutMs?: number;
  /** Upper bound on the worker's life (the timeout of the command that runs it). */
  lifetimeMs?: number;
}

const DEFAULTS = {
  batchSize: 8,
  perRunTimeoutMs: 5_000,
  node: 'node',
  startTimeoutMs: 60_000,
  lifetimeMs: 60 * 60_000,
};
/** Time the worker gets beyond the run's own limit to cancel a hung run and answer. */
const REPLY_GRACE_MS = 15_000;
const COVERAGE_TIMEOUT_MS = 120_000;

/**
 * Validates candidates with one warm vitest kept running inside the sandbox (the validator worker).
 *
 * A batch of candidates shares one run, each in its own slot copy of the project. A hung candidate
 * loses its batch, which is then rerun one candidate at a time to find it. A worker that stops
 * answering is killed and restarted.
 */
export class HotRunner implements CandidateRunner {
  readonly kind = 'hot';
  readonly #options: Required<HotRunnerOptions>;
  #worker: WorkerConnection;
  #restarts = 0;
  #slotsTrusted = true;

  private constructor(options: Required<HotRunnerOptions>, worker: WorkerConnection) {
    this.#options = options;
    this.#worker = worker;
  }

  static async start(options: HotRunnerOptions): Promise<HotRunner> {
    const resolved = { ...DEFAULTS, ...stripUndefined(options) } as Required<HotRunnerOptions>;
    const worker = await WorkerConnection.start(workerOptions(resolved));
    const runner = new HotRunner(resolved, worker);
    await runner.#checkSlots();
    return runner;
  }

  get testFiles(): readonly string[] {
    return this.#worker.ready.testFiles;
  }

  /** Candidates one run takes. */
  get batchSize(): number {
    return this.#worker.ready.slots && this.#slotsTrusted ? this.#options.batchSize : 1;
  }

  /** How often the worker had to be restarted. */
  get restarts(): number {
    return this.#restarts;
  }

  async run(entries: RunEntry[]): Promise<RunOutcome[]> {
    const outcomes: RunOutcome[] = [];
    for (let i = 0; i < entries.length; i += this.batchSize) {
      const batch = entries.slice(i, i + this.batchSize);
      const results = await this.#runBatch(batch);
      for (const [j, result] of results.entries()) {
        // A hung candidate stalls the rest of its batch: those that never started run again.
        const alone = result.starved ? await this.#runBatch([batch[j]!]) : [result];
        outcomes.push(...alone);
      }
    }
    return outcomes;
  }

  /** Per-test line coverage of the unpatched project (for fault localization). */
  async coverage(): Promise<{ tests: CoverageEntry[]; timedOut: boolean }> {
    const reply = await this.#request({ type: 'coverage', timeoutMs: COVERAGE_TIMEOUT_MS }, COVERAGE_TIMEOUT_MS);
    if (reply.type === 'coverage-result') return { tests: reply.tests, timedOut: reply.timedOut };
    throw new Error(reply.type === 'error' ? reply.message : `unexpected reply ${reply.type}`);
  }

  async close(): Promise<void> {
    await this.#worker.stop();
  }

  async #runBatch(batch: RunEntry[]): Promise<RunOutcome[]> {
    const timeoutMs = this.#options.perRunTimeoutMs;
    let reply;
    try {
      reply = await this.#request({ type: 'run', entries: batch, useSlots: this.batchSize > 1, timeoutMs }, timeoutMs);
    } catch (error) {
      if (!(error instanceof WorkerLostError)) throw error;
      // The worker wedged on this batch; it was restarted, and the batch counts as hung.
      return batch.map((entry) => ({ key: entry.key, states: {}, fileErrors: {}, timedOut: batch.length === 1, starved: batch.length > 1 }));
    }
    if (reply.type !== 'run-result') {
      throw new Error(reply.type === 'error' ? `validator worker: ${reply.message}` : `unexpected reply ${reply.type}`);
    }
    return reply.entries;
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
    this.#worker = await WorkerConnection.start(workerOptions(this.#options));
  }

  /**
   * Slot copies can behave differently from the project itself (e.g. an alias that points at an
   * absolute path). The unpatched project must give the same results in a slot as in place;
   * otherwise batches are turned off.
   */
  async #checkSlots(): Promise<void> {
    if (!this.#worker.ready.slots || this.#options.batchSize <= 1) return;
    const specs = [...this.testFiles];
    const timeoutMs = this.#options.perRunTimeoutMs * 4;
    const inPlace = await this.#request({ type: 'run', entries: [{ key: 'p', files: {}, specs }], useSlots: false, timeoutMs }, timeoutMs);
    const inSlot = await this.#request({ type: 'run', entries: [{ key: 's', files: {}, specs }], useSlots: true, timeoutMs }, timeoutMs);
    const same =
      inPlace.type === 'run-result' &&
      inSlot.type === 'run-result' &&
      JSON.stringify(sorted(inPlace.entries[0]?.states)) === JSON.stringify(sorted(inSlot.entries[0]?.states));
    this.#slotsTrusted = same;
  }
}

function workerOptions(options: Required<HotRunnerOptions>) {
  return {
    sandbox: options.sandbox,
    slots: options.batchSize > 1 ? options.batchSize : 0,
    node: options.node,
    startTimeoutMs: options.startTimeoutMs,
    lifetimeMs: options.lifetimeMs,
  };
}

function sorted(states: Record<string, string> | undefined): [string, string][] {
  return Object.entries(states ?? {}).sort(([a], [b]) => a.localeCompare(b));
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

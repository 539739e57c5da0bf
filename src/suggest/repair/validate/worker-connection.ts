import type { Sandbox } from '../../../sandbox/types.ts';
import type { RunnerCommand } from './runner-command.ts';
import { installWorkerScripts, WORKER_STATE_DIR } from './scripts/install.ts';
import { MESSAGE_MARK, type Message, MessageSchema, type Request, type WarmRunner, type WorkerConfig } from './scripts/protocol.ts';

export interface WorkerStartOptions {
  sandbox: Sandbox;
  /** Which runner's worker. */
  runner: WarmRunner;
  /** The project's test command, for a worker that reads the runner's config from it (not vitest's). */
  command?: RunnerCommand;
  /** Slot copies for batches; 0 validates in place, one candidate per run. */
  slots: number;
  /** The Node binary inside the sandbox. */
  node: string;
  startTimeoutMs: number;
  /** Upper bound on the worker's life, the timeout of the command that runs it. */
  lifetimeMs: number;
}

export type ReadyMessage = Extract<Message, { type: 'ready' }>;
type Reply = Extract<Message, { id?: number }>;

/** The worker process went away or stopped answering; the host restarts it. */
export class WorkerLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerLostError';
  }
}

const STDERR_TAIL_CHARS = 2_000;

/**
 * One running validator worker inside a sandbox: requests go in as files in its inbox, replies
 * come back as marked lines on its stdout.
 */
export class WorkerConnection {
  readonly ready: ReadyMessage;
  readonly #sandbox: Sandbox;
  readonly #abort: AbortController;
  readonly #pending: Map<number, (reply: Reply | WorkerLostError) => void>;
  readonly #exited: Promise<void>;
  #nextId = 1;
  #lost: WorkerLostError | null = null;

  private constructor(
    sandbox: Sandbox,
    abort: AbortController,
    pending: Map<number, (reply: Reply | WorkerLostError) => void>,
    exited: Promise<void>,
    ready: ReadyMessage,
  ) {
    this.#sandbox = sandbox;
    this.#abort = abort;
    this.#pending = pending;
    this.#exited = exited;
    this.ready = ready;
  }

  static async start(options: WorkerStartOptions): Promise<WorkerConnection> {
    const { sandbox } = options;
    const installed = await installWorkerScripts(sandbox, options.runner);
    const { command } = options;
    const config: WorkerConfig = {
      stateDir: WORKER_STATE_DIR,
      slots: options.slots,
      pollMs: 2,
      idleExitMs: 10 * 60_000,
      maxSlotFiles: 2_000,
      maxSlotBytes: 20 * 1024 * 1024,
      ...(command ? { command: { args: command.args, nodeArgs: command.nodeArgs } } : {}),
      ...(installed.reporter ? { reporter: installed.reporter } : {}),
    };
    const abort = new AbortController();
    const pending = new Map<number, (reply: Reply | WorkerLostError) => void>();
    let onReady: (message: ReadyMessage | WorkerLostError) => void = () => {};
    const readyOrLost = new Promise<ReadyMessage | WorkerLostError>((resolve) => (onReady = resolve));
    let stderrTail = '';
    let connection: WorkerConnection | null = null;

    const dispatch = (message: Message): void => {
      if (message.type === 'ready') onReady(message);
      else if ('id' in message && message.id !== undefined) pending.get(message.id)?.(message);
      else if (message.type === 'error') stderrTail += `\n${message.message}`;
    };
    const exited = sandbox
      .executeCommand(options.node, [...installed.args, JSON.stringify(config)], {
        timeout: options.lifetimeMs,
        abortSignal: abort.signal,
        ...(command ? { env: command.env } : {}),
        onStdout: lineSplitter((line) => {
          const at = line.indexOf(MESSAGE_MARK);
          if (at < 0) return;
          const parsed = MessageSchema.safeParse(safeJson(line.slice(at + MESSAGE_MARK.length)));
          if (parsed.success) dispatch(parsed.data);
        }),
        onStderr: (chunk) => {
          stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
        },
      })
      .then(
        (result) => `exited with code ${result.exitCode}`,
        (error: unknown) => `failed: ${error instanceof Error ? error.message : String(error)}`,
      )
      .then((how) => {
        const lost = new WorkerLostError(`validator worker ${how}${stderrTail ? `: ${stderrTail.trim()}` : ''}`);
        if (connection) connection.#lost = lost;
        onReady(lost);
        for (const resolve of pending.values()) resolve(lost);
        pending.clear();
      });

    const timer = setTimeout(
      () => onReady(new WorkerLostError(`validator worker not ready after ${options.startTimeoutMs} ms`)),
      options.startTimeoutMs,
    );
    const ready = await readyOrLost;
    clearTimeout(timer);
    if (ready instanceof WorkerLostError) {
      abort.abort();
      await exited;
      throw ready;
    }
    connection = new WorkerConnection(sandbox, abort, pending, exited, ready);
    return connection;
  }

  get alive(): boolean {
    return this.#lost === null;
  }

  /**
   * Sends one request and waits for its reply; rejects with WorkerLostError when the worker dies
   * or does not answer within `replyTimeoutMs` (the caller then kills and restarts it).
   */
  async request(request: RequestBody, replyTimeoutMs: number): Promise<Reply> {
    if (this.#lost) throw this.#lost;
    const id = this.#nextId++;
    const reply = new Promise<Reply | WorkerLostError>((resolve) => this.#pending.set(id, resolve));
    await this.#post(id, request);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<WorkerLostError>((resolve) => {
      timer = setTimeout(() => resolve(new WorkerLostError(`validator worker gave no answer in ${replyTimeoutMs} ms`)), replyTimeoutMs);
    });
    const answer = await Promise.race([reply, expired]);
    clearTimeout(timer);
    this.#pending.delete(id);
    if (answer instanceof WorkerLostError) throw answer;
    return answer;
  }

  /** Asks the worker to clean up and exit; kills it when it does not within `graceMs`. */
  async stop(graceMs = 3_000): Promise<void> {
    if (this.#lost === null) {
      await this.#post(this.#nextId++, { type: 'shutdown' }).catch(() => {});
      const gone = await Promise.race([this.#exited.then(() => true), delay(graceMs).then(() => false)]);
      if (gone) return;
    }
    await this.terminate();
  }

  /** Kills the worker (and whatever it runs) and waits until it is gone. */
  async terminate(): Promise<void> {
    this.#abort.abort();
    await this.#exited;
  }

  /** Request files are named by id (1, 2, ...); the worker takes them strictly in that order. */
  #post(id: number, body: RequestBody): Promise<void> {
    const name = `${WORKER_STATE_DIR}/inbox/${String(id).padStart(9, '0')}.json`;
    return this.#sandbox.writeFile(name, JSON.stringify({ ...body, id }));
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type RequestBody = DistributiveOmit<Request, 'id'>;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Turns a stream of chunks into complete lines. */
function lineSplitter(onLine: (line: string) => void): (chunk: string) => void {
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  };
}

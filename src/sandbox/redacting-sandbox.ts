import { posix } from 'node:path';
import { IMPROVE_DIR } from '../contract/options.ts';
import type { Redactor } from './redact.ts';
import type { CommandResult, ExecuteCommandOptions, IsolationLevel, Sandbox, SandboxLimits, SandboxNode } from './types.ts';

/**
 * A sandbox whose output has the run's secret values redacted where it leaves the untrusted code:
 * command output, whole and streamed, and the files the run's own tools leave under `.improve/`
 * in the workspace (the test report, CPU profiles). Any provider, local or E2B, fits inside.
 *
 * The project's own files read back stay exact: they are the base of every edit and of the
 * write-back, and a redacted one would put the marker into the user's code. What goes from them
 * to the outside (a model's prompt) is redacted there, through `redact`.
 */
class RedactingSandbox implements Sandbox {
  readonly #inner: Sandbox;
  readonly #redactor: Redactor;

  constructor(inner: Sandbox, redactor: Redactor) {
    this.#inner = inner;
    this.#redactor = redactor;
  }

  get id(): string {
    return this.#inner.id;
  }

  get name(): string {
    return this.#inner.name;
  }

  get provider(): string {
    return this.#inner.provider;
  }

  get status() {
    return this.#inner.status;
  }

  get workdir(): string {
    return this.#inner.workdir;
  }

  get isolation(): IsolationLevel {
    return this.#inner.isolation;
  }

  get limits(): SandboxLimits {
    return this.#inner.limits;
  }

  get node(): SandboxNode | undefined {
    return this.#inner.node;
  }

  redact(text: string): string {
    return this.#redactor.redact(text);
  }

  async executeCommand(command: string, args: string[] = [], options: ExecuteCommandOptions = {}): Promise<CommandResult> {
    const stdout = options.onStdout && this.#redactor.stream(options.onStdout);
    const stderr = options.onStderr && this.#redactor.stream(options.onStderr);
    try {
      const result = await this.#inner.executeCommand(command, args, {
        ...options,
        ...(stdout ? { onStdout: stdout.write } : {}),
        ...(stderr ? { onStderr: stderr.write } : {}),
      });
      return { ...result, stdout: this.redact(result.stdout), stderr: this.redact(result.stderr) };
    } finally {
      // What a stream held back arrives before the command's end is reported, as it would unredacted.
      stdout?.end();
      stderr?.end();
    }
  }

  writeFile(path: string, content: string | Uint8Array): Promise<void> {
    return this.#inner.writeFile(path, content);
  }

  async readFile(path: string): Promise<string> {
    const text = await this.#inner.readFile(path);
    return isRunOutput(this.workdir, path) ? this.redact(text) : text;
  }

  snapshot(): Promise<void> {
    return this.#inner.snapshot();
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

/** Whether `path` is in the workspace's `.improve/`, where only the run's own tools write. */
function isRunOutput(workdir: string, path: string): boolean {
  const relative = posix.relative(workdir, posix.resolve(workdir, path));
  return relative === IMPROVE_DIR || relative.startsWith(`${IMPROVE_DIR}/`);
}

/** `inner` with its output redacted by `redactor`; the caller keeps destroying it as usual. */
export function redactingSandbox(inner: Sandbox, redactor: Redactor): Sandbox {
  return new RedactingSandbox(inner, redactor);
}

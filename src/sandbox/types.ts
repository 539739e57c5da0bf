import type { CommandResult, ExecuteCommandOptions, WorkspaceSandbox } from '@mastra/core/workspace';

export type { CommandResult, ExecuteCommandOptions };

/** Which sandbox to use; `auto` picks E2B when E2B_API_KEY is set, else local. */
export type SandboxKind = 'auto' | 'local' | 'e2b';

/** How strongly a local sandbox is isolated from the host. */
export type IsolationLevel = 'bwrap' | 'unshare' | 'none' | 'remote';

/** Limits every sandbox enforces on commands it runs. */
export interface SandboxLimits {
  /** Default wall-clock timeout per command (ms). */
  timeoutMs: number;
  /** Bytes of stdout and of stderr kept per command; the rest is dropped and reported. */
  maxOutputBytes: number;
  /** Most processes a command may have alive at once. */
  maxProcesses: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  timeoutMs: 120_000,
  maxOutputBytes: 1024 * 1024,
  maxProcesses: 256,
};

/** The Node a sandbox's commands run on (`node` on their PATH), and why that one. */
export interface SandboxNode {
  /** `process.version` of that Node (`v20.20.2`); absent when the sandbox can tell only by running it. */
  version?: string;
  /** Which Node and why, in words: "the machine's node at /usr/bin/node; package.json engines >=18". */
  source: string;
}

/**
 * A project copied into an isolated place where its commands run.
 *
 * Shaped as a Mastra `WorkspaceSandbox` (id, name, provider, status, executeCommand, lifecycle), so
 * ours can be given to a Mastra `Workspace`; `fromWorkspaceSandbox` wraps a Mastra one as ours.
 * Paths given to file methods are relative to the project root (`workdir`).
 */
export interface Sandbox extends WorkspaceSandbox {
  readonly provider: string;
  /** Absolute path of the project root inside the sandbox; commands run here by default. */
  readonly workdir: string;
  readonly isolation: IsolationLevel;
  readonly limits: SandboxLimits;
  /** Which Node runs the project's commands, when the sandbox chose it (see node-runtime.ts). */
  readonly node?: SandboxNode;
  executeCommand(command: string, args?: string[], options?: ExecuteCommandOptions): Promise<CommandResult>;
  writeFile(path: string, content: string | Uint8Array): Promise<void>;
  /** Throws `SandboxFileNotFoundError` when the file does not exist. */
  readFile(path: string): Promise<string>;
  /**
   * `text` with the secret values this sandbox redacts from its output replaced, for anything
   * sent out that it did not redact itself (code read from it, in a model's prompt). Absent on a
   * sandbox that redacts nothing (see redacting-sandbox.ts).
   */
  redact?(text: string): string;
  /** Kills whatever still runs and removes the workspace. Safe to call twice. */
  destroy(): Promise<void>;
}

/** Options shared by every way of creating a sandbox. */
export interface CreateSandboxOptions {
  /** The project directory on the host that the sandbox starts from. */
  projectDir: string;
  limits?: Partial<SandboxLimits>;
  /** Extra environment for every command (secrets are still scrubbed). */
  env?: Record<string, string>;
}

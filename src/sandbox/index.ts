export { type CreateAnySandboxOptions, chooseSandboxKind, createSandbox } from './create.ts';
// The E2B sandbox's class is a type here: its SDK loads only when one is created.
export type { E2BSandbox, E2BSandboxOptions } from './e2b.ts';
export { createE2BSandbox } from './e2b-load.ts';
export { type E2BSettingsInput, E2BSettingsSchema } from './e2b-settings.ts';
export { SandboxError, SandboxFileNotFoundError, SandboxUnavailableError } from './errors.ts';
export { type CreateLocalSandboxOptions, createLocalSandbox, LocalSandbox } from './local.ts';
export type {
  CommandResult,
  CreateSandboxOptions,
  ExecuteCommandOptions,
  IsolationLevel,
  Sandbox,
  SandboxKind,
  SandboxLimits,
  SandboxNode,
} from './types.ts';
export { DEFAULT_LIMITS } from './types.ts';
export { fromWorkspaceSandbox, type WorkspaceAdapterOptions } from './workspace-adapter.ts';

export { type CreateAnySandboxOptions, chooseSandboxKind, createSandbox } from './create.ts';
export { createE2BSandbox, E2BSandbox, type E2BSandboxOptions } from './e2b.ts';
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
} from './types.ts';
export { DEFAULT_LIMITS } from './types.ts';
export { fromWorkspaceSandbox, type WorkspaceAdapterOptions } from './workspace-adapter.ts';

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
export { SandboxError, SandboxFileNotFoundError, SandboxUnavailableError } from './errors.ts';
export { chooseSandboxKind, createSandbox, type CreateAnySandboxOptions } from './create.ts';
export { createLocalSandbox, LocalSandbox, type CreateLocalSandboxOptions } from './local.ts';
export { createE2BSandbox, E2BSandbox, type E2BSandboxOptions } from './e2b.ts';
export { E2BSettingsSchema, type E2BSettingsInput } from './e2b-settings.ts';
export { fromWorkspaceSandbox, type WorkspaceAdapterOptions } from './workspace-adapter.ts';

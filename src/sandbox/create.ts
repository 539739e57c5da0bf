/**
 * One way to get a sandbox: `auto` takes E2B when an E2B API key is configured, else the local
 * sandbox. The choice is a pure function of the options and the environment.
 */
import { z } from 'zod';
import { createE2BSandbox } from './e2b-load.ts';
import type { E2BSettingsInput } from './e2b-settings.ts';
import { SandboxError } from './errors.ts';
import type { LocalIsolationRequest } from './isolation.ts';
import { createLocalSandbox } from './local.ts';
import type { CreateSandboxOptions, Sandbox, SandboxKind } from './types.ts';

export interface CreateAnySandboxOptions extends CreateSandboxOptions {
  kind?: SandboxKind;
  /** E2B settings (see E2BSettingsSchema); used when the choice falls on E2B. */
  e2b?: E2BSettingsInput;
  /** Local isolation (bwrap, unshare, none); used when the choice falls on the local sandbox. */
  isolation?: LocalIsolationRequest;
}

const SandboxKindSchema = z.enum(['auto', 'local', 'e2b']);

/** Which sandbox `kind` means here: `auto` is E2B when E2B_API_KEY (or e2b.apiKey) is set. */
export function chooseSandboxKind(kind: SandboxKind, env: Record<string, string | undefined>, e2b?: E2BSettingsInput): 'local' | 'e2b' {
  if (kind !== 'auto') return kind;
  return e2b?.apiKey || env.E2B_API_KEY?.trim() ? 'e2b' : 'local';
}

export async function createSandbox(options: CreateAnySandboxOptions): Promise<Sandbox> {
  const kind = SandboxKindSchema.safeParse(options.kind ?? 'auto');
  if (!kind.success) {
    throw new SandboxError('INVALID_OPTIONS', `unknown sandbox kind "${String(options.kind)}" (expected auto, local or e2b)`);
  }
  const chosen = chooseSandboxKind(kind.data, { ...process.env, ...options.env }, options.e2b);
  return chosen === 'e2b' ? createE2BSandbox(options) : createLocalSandbox(options);
}

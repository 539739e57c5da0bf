/**
 * Settings of the E2B sandbox: explicit options win over E2B_* environment variables, validated
 * once so a bad value fails with one readable line before any network call.
 */
import { z } from 'zod';
import { SandboxError } from './errors.ts';

/** Installs npm dependencies when the project declares some and the sandbox has none yet. */
export const AUTO_INSTALL_COMMAND =
  'if [ -f package.json ] && [ ! -e node_modules ]; then ' +
  'if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi; fi';

export const E2BSettingsSchema = z
  .object({
    apiKey: z.string().min(1).optional(),
    /** Template (image) the sandbox starts from. */
    template: z.string().min(1).default('base'),
    domain: z.string().min(1).optional(),
    /** Talk to envd on localhost:49983 without the control plane (the SDK's debug mode). */
    debug: z.boolean().default(false),
    /** Control-plane and envd base URLs, for self-hosted E2B or a local envd-compatible server. */
    apiUrl: z.url().optional(),
    sandboxUrl: z.url().optional(),
    /** How long the sandbox lives without activity; every command extends it. */
    lifetimeMs: z
      .number()
      .int()
      .positive()
      .default(60 * 60 * 1000),
    /**
     * Dependencies inside the sandbox: `auto` runs npm ci/install when package.json exists and
     * node_modules does not; `skip` does nothing; any other string is the command to run.
     */
    install: z.union([z.enum(['auto', 'skip']), z.string().min(1)]).default('auto'),
    installTimeoutMs: z
      .number()
      .int()
      .positive()
      .default(10 * 60 * 1000),
  })
  .refine((settings) => settings.debug || settings.apiKey, {
    message: 'E2B_API_KEY is not set (pass e2b.apiKey or set E2B_API_KEY)',
    path: ['apiKey'],
  });

export type E2BSettings = z.output<typeof E2BSettingsSchema>;
export type E2BSettingsInput = z.input<typeof E2BSettingsSchema>;

/** The settings the E2B_* environment variables give. */
export function e2bSettingsFromEnv(env: Record<string, string | undefined>): E2BSettingsInput {
  const read = (name: string) => (env[name]?.trim() ? env[name].trim() : undefined);
  const debug = read('E2B_DEBUG')?.toLowerCase();
  return dropUndefined({
    apiKey: read('E2B_API_KEY'),
    template: read('E2B_TEMPLATE'),
    domain: read('E2B_DOMAIN'),
    debug: debug === undefined ? undefined : debug === 'true' || debug === '1',
    apiUrl: read('E2B_API_URL'),
    sandboxUrl: read('E2B_SANDBOX_URL'),
  });
}

export function resolveE2BSettings(explicit: E2BSettingsInput | undefined, env: Record<string, string | undefined>): E2BSettings {
  const parsed = E2BSettingsSchema.safeParse({ ...e2bSettingsFromEnv(env), ...dropUndefined(explicit ?? {}) });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'e2b'}: ${issue.message}`);
  throw new SandboxError('INVALID_OPTIONS', `invalid E2B settings: ${problems.join('; ')}`);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined)) as T;
}

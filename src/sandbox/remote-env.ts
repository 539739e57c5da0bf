import { RUNTIME_DEFAULTS, scrubSecrets } from './env.ts';

/**
 * Environment for a command in a sandbox reached through an API (E2B, a wrapped Mastra sandbox):
 * the machine brings its own PATH and HOME, we add the same run-time defaults as the local sandbox
 * and the caller's layers (later wins), minus anything that looks like a credential.
 */
export function remoteCommandEnv(...layers: Array<Record<string, string | undefined> | undefined>): Record<string, string> {
  return scrubSecrets(Object.assign({ ...RUNTIME_DEFAULTS }, ...layers));
}

/**
 * The secret values a run must never store or send: values of the host's credential-like
 * variables, values from the project's .env files, and passwords inside URLs. Pure; the caller
 * reads the environment and the files (see project-secrets.ts).
 */

import { isSecretName } from './env.ts';
import { parseEnvFile } from './env-file.ts';

export interface SecretSources {
  /** The host environment: the values of credential-like variables, and URL passwords anywhere. */
  env: Record<string, string | undefined>;
  /** Texts of the project's .env files: every value there may be a secret. */
  envFiles: readonly string[];
}

/**
 * Redaction replaces every occurrence, so a short or common value would blank out ordinary words
 * and numbers all over a report. A value under a credential-like name is trusted to be secret
 * from fewer characters than any other value of a .env file.
 */
const MIN_CREDENTIAL_LENGTH = 6;
const MIN_OTHER_LENGTH = 10;
/** Numbers, versions, ports, IP addresses, times. */
const NUMERIC = /^[\d\s.,:+-]+$/;
/** Settings and placeholders too common to be anyone's secret (shorter ones fall to the length rule). */
const COMMON = new Set([
  'default',
  'localhost',
  'development',
  'production',
  'staging',
  'testing',
  'undefined',
  'enabled',
  'disabled',
  'warning',
  'password',
  'changeme',
  'secret',
  'example',
  'postgres',
]);
const URL_SHAPED = /^[a-z][a-z\d+.-]*:\/\//i;

export function secretValues({ env, envFiles }: SecretSources): string[] {
  const found = new Set<string>();
  const add = (value: string, minLength: number) => {
    // A multi-line value (a PEM key) also counts line by line: output often shows part of it.
    for (const part of [value, ...value.split('\n')].map((text) => text.trim())) {
      if (part.length >= minLength && !NUMERIC.test(part) && !COMMON.has(part.toLowerCase())) found.add(part);
    }
  };
  const addUrlPassword = (value: string) => {
    for (const password of urlPasswords(value)) add(password, MIN_CREDENTIAL_LENGTH);
  };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (isCredentialVariable(name)) add(value, MIN_CREDENTIAL_LENGTH);
    addUrlPassword(value);
  }
  for (const [name, value] of envFiles.flatMap(parseEnvFile)) {
    add(value, isSecretName(name) ? MIN_CREDENTIAL_LENGTH : MIN_OTHER_LENGTH);
    addUrlPassword(value);
  }
  return [...found];
}

/**
 * npm hands every script its configuration and package fields as lowercase `npm_*` variables
 * (`npm_package_name`, `npm_config_cache`): credentials only when the rest of the name says so
 * (`npm_config__authToken`). `NPM_TOKEN` and the like stay credentials.
 */
function isCredentialVariable(name: string): boolean {
  return name.startsWith('npm_') ? isSecretName(name.slice('npm_'.length)) : isSecretName(name);
}

/** The password of `scheme://user:password@host`, as written and decoded. */
function urlPasswords(value: string): string[] {
  const text = value.trim();
  if (!URL_SHAPED.test(text)) return [];
  try {
    const { password } = new URL(text);
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}

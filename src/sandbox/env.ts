/**
 * Environment for untrusted commands: built from a short allowlist, never from the whole host
 * environment, and scrubbed of anything that looks like a credential even when a caller passes it
 * explicitly. Pure, so every sandbox provider (local, E2B) applies the same rules.
 */

/** Host variables a command may inherit: locale and time zone only. */
const INHERITED = ['LANG', 'LC_ALL', 'LC_CTYPE', 'TZ'] as const;

/** Names that are credentials by convention (case-insensitive). */
const SECRET_NAME_PATTERNS: readonly RegExp[] = [
  /TOKEN/i,
  /SECRET/i,
  /PASSW(OR)?D/i,
  /CREDENTIAL/i,
  /PRIVATE/i,
  /_KEY$/i,
  /API_?KEY/i,
  /(^|_)AUTH($|_)/i,
  /^AWS_/i,
  /^AZURE_/i,
  /^GOOGLE_APPLICATION/i,
  /^(GH|GITHUB|GITLAB|NPM|E2B|OPENAI|ANTHROPIC)_/i,
  /^SSH_AUTH_SOCK$/i,
  /^(DATABASE|REDIS|MONGO(DB)?)_URL$/i,
];

export function isSecretName(name: string): boolean {
  return SECRET_NAME_PATTERNS.some((pattern) => pattern.test(name));
}

/** Drops credential-like variables and unset values. */
export function scrubSecrets(env: Record<string, string | undefined>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !isSecretName(name)) clean[name] = value;
  }
  return clean;
}

export interface SandboxEnvInput {
  /** PATH entries in order of precedence. */
  path: string[];
  home: string;
  tmpdir: string;
  /** The host environment to take allowlisted locale variables from. */
  host: Record<string, string | undefined>;
  /** Extra variables, later ones winning: sandbox-wide, then per command. */
  overrides: Array<Record<string, string | undefined> | undefined>;
}

/** What every sandboxed command gets, local or remote. */
export const RUNTIME_DEFAULTS: Readonly<Record<string, string>> = {
  LANG: 'C.UTF-8',
  // Test runners treat CI as "never watch, never prompt", so a bare `vitest` cannot hang.
  CI: 'true',
  // CI also turns colours on in many tools; plain text is what gets analysed.
  NO_COLOR: '1',
};

export function buildSandboxEnv(input: SandboxEnvInput): Record<string, string> {
  const inherited = Object.fromEntries(INHERITED.flatMap((name) => (input.host[name] === undefined ? [] : [[name, input.host[name]]])));
  return scrubSecrets(
    Object.assign(
      { ...RUNTIME_DEFAULTS, ...inherited, PATH: input.path.join(':'), HOME: input.home, TMPDIR: input.tmpdir },
      ...input.overrides,
    ),
  );
}

const DEFAULTS = Object.freeze({
  retries: 3,
  timeoutMs: 5000,
  verbose: false,
  baseUrl: 'http://localhost:8080',
  tags: [],
});

/** Fills in defaults for options that are not given. */
export function resolveConfig(options = {}) {
  return {
    retries: options.retries || DEFAULTS.retries,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    verbose: options.verbose ?? DEFAULTS.verbose,
    baseUrl: (options.baseUrl ?? DEFAULTS.baseUrl).replace(/\/+$/, ''),
    tags: [...(options.tags ?? DEFAULTS.tags)],
  };
}

export function validateConfig(config) {
  const errors = [];
  if (!Number.isInteger(config.retries) || config.retries < 0) errors.push('retries must be a non-negative integer');
  if (!(config.timeoutMs > 0)) errors.push('timeoutMs must be positive');
  if (!/^https?:\/\//.test(config.baseUrl)) errors.push('baseUrl must start with http:// or https://');
  return errors;
}

function numberOrUndefined(value) {
  return value === undefined || value.trim() === '' ? undefined : Number(value);
}

/** Reads APP_* variables; unset or empty variables fall back to the defaults. */
export function configFromEnv(env) {
  return resolveConfig({
    retries: numberOrUndefined(env.APP_RETRIES),
    timeoutMs: numberOrUndefined(env.APP_TIMEOUT_MS),
    verbose: env.APP_VERBOSE === undefined ? undefined : env.APP_VERBOSE === '1',
    baseUrl: env.APP_BASE_URL || undefined,
    tags: env.APP_TAGS ? env.APP_TAGS.split(',').map((t) => t.trim()) : undefined,
  });
}

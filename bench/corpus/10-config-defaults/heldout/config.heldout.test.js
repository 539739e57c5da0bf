import { describe, expect, it } from 'vitest';
import { configFromEnv, resolveConfig, validateConfig } from '../src/config.js';

describe('config (held out)', () => {
  it('keeps every explicit falsy value', () => {
    const config = resolveConfig({ retries: 0, verbose: false, tags: [] });
    expect(config.retries).toBe(0);
    expect(config.verbose).toBe(false);
  });

  it('falls back only for undefined and null', () => {
    expect(resolveConfig({ retries: undefined }).retries).toBe(3);
    expect(resolveConfig({ retries: null }).retries).toBe(3);
  });

  it('flags a bad retries value instead of hiding it', () => {
    expect(validateConfig(resolveConfig({ retries: Number.NaN }))).toEqual(['retries must be a non-negative integer']);
    expect(validateConfig(resolveConfig({ retries: -2 }))).toEqual(['retries must be a non-negative integer']);
  });

  it('does not share the default tags array', () => {
    const a = resolveConfig();
    a.tags.push('x');
    expect(resolveConfig().tags).toEqual([]);
  });

  it('reads the full environment', () => {
    expect(configFromEnv({ APP_RETRIES: '7', APP_VERBOSE: '0', APP_BASE_URL: 'https://h/', APP_TAGS: 'a, b' })).toEqual({
      retries: 7,
      timeoutMs: 5000,
      verbose: false,
      baseUrl: 'https://h',
      tags: ['a', 'b'],
    });
  });
});

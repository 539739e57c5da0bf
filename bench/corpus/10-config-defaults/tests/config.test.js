import { describe, expect, it } from 'vitest';
import { configFromEnv, resolveConfig, validateConfig } from '../src/config.js';

describe('resolveConfig', () => {
  it('uses defaults when nothing is given', () => {
    expect(resolveConfig()).toEqual({ retries: 3, timeoutMs: 5000, verbose: false, baseUrl: 'http://localhost:8080', tags: [] });
  });

  it('takes explicit values', () => {
    expect(resolveConfig({ retries: 5, verbose: true }).retries).toBe(5);
  });

  it('respects retries: 0', () => {
    expect(resolveConfig({ retries: 0 }).retries).toBe(0);
  });

  it('strips trailing slashes from the base url', () => {
    expect(resolveConfig({ baseUrl: 'https://api.example.com//' }).baseUrl).toBe('https://api.example.com');
  });
});

describe('validateConfig and env', () => {
  it('reports invalid settings', () => {
    expect(validateConfig(resolveConfig({ timeoutMs: -1, baseUrl: 'ftp://x' }))).toEqual([
      'timeoutMs must be positive',
      'baseUrl must start with http:// or https://',
    ]);
  });

  it('reads retries from the environment', () => {
    expect(configFromEnv({ APP_RETRIES: '0' }).retries).toBe(0);
  });

  it('ignores empty environment variables', () => {
    expect(configFromEnv({ APP_TIMEOUT_MS: '' }).timeoutMs).toBe(5000);
  });
});

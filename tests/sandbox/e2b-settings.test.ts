import { describe, expect, test } from 'vitest';
import { AUTO_INSTALL_COMMAND, e2bSettingsFromEnv, resolveE2BSettings } from '../../src/sandbox/e2b-settings.ts';

describe('E2B settings', () => {
  test('come from E2B_* variables, with defaults for the rest', () => {
    const settings = resolveE2BSettings(undefined, {
      E2B_API_KEY: ' e2b_abc ',
      E2B_TEMPLATE: 'node-22',
      E2B_DOMAIN: 'e2b.example',
      E2B_API_URL: 'http://127.0.0.1:3000',
      E2B_SANDBOX_URL: 'http://127.0.0.1:49983',
    });
    expect(settings).toEqual({
      apiKey: 'e2b_abc',
      template: 'node-22',
      domain: 'e2b.example',
      debug: false,
      apiUrl: 'http://127.0.0.1:3000',
      sandboxUrl: 'http://127.0.0.1:49983',
      lifetimeMs: 3_600_000,
      install: 'auto',
      installTimeoutMs: 600_000,
    });
  });

  test('explicit options win over the environment; undefined ones do not erase it', () => {
    const settings = resolveE2BSettings(
      { template: 'custom', apiKey: undefined, install: 'skip' },
      { E2B_API_KEY: 'from-env', E2B_TEMPLATE: 'base' },
    );
    expect(settings).toMatchObject({ apiKey: 'from-env', template: 'custom', install: 'skip' });
  });

  test('E2B_DEBUG accepts true/1 in any case and makes the key optional', () => {
    expect(e2bSettingsFromEnv({ E2B_DEBUG: 'TRUE' }).debug).toBe(true);
    expect(e2bSettingsFromEnv({ E2B_DEBUG: '1' }).debug).toBe(true);
    expect(e2bSettingsFromEnv({ E2B_DEBUG: 'no' }).debug).toBe(false);
    const debug = resolveE2BSettings(undefined, { E2B_DEBUG: 'true' });
    expect(debug).toMatchObject({ debug: true, template: 'base' });
    expect(debug.apiKey).toBeUndefined();
  });

  test('a missing key or a malformed URL fails with one readable line', () => {
    expect(() => resolveE2BSettings(undefined, {})).toThrow(/^invalid E2B settings: apiKey: E2B_API_KEY is not set/);
    const bad = () => resolveE2BSettings({ apiKey: 'k', apiUrl: 'not a url' }, {});
    expect(bad).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringContaining('apiUrl') }));
    expect(() => resolveE2BSettings({ apiKey: 'k', lifetimeMs: -5 }, {})).toThrow(/lifetimeMs/);
  });

  test('any other install value is the command to run', () => {
    expect(resolveE2BSettings({ apiKey: 'k', install: 'pnpm install --frozen-lockfile' }, {}).install).toBe(
      'pnpm install --frozen-lockfile',
    );
    expect(AUTO_INSTALL_COMMAND).toContain('npm ci');
  });
});

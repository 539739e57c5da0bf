import { describe, expect, test } from 'vitest';
import { buildSandboxEnv, isSecretName, scrubSecrets } from '../../src/sandbox/env.ts';

describe('secret scrubbing', () => {
  test.each([
    'E2B_API_KEY',
    'OPENAI_API_KEY',
    'GITHUB_TOKEN',
    'GH_TOKEN',
    'NPM_TOKEN',
    'NODE_AUTH_TOKEN',
    'MY_TOKEN',
    'my_token',
    'SIGNING_KEY',
    'CLIENT_SECRET',
    'DB_PASSWORD',
    'PGPASSWORD',
    'AWS_ACCESS_KEY_ID',
    'AWS_REGION',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'SSH_AUTH_SOCK',
    'DATABASE_URL',
  ])('%s is a secret', (name) => expect(isSecretName(name)).toBe(true));

  test.each(['PATH', 'HOME', 'LANG', 'NODE_ENV', 'CI', 'TZ', 'VITEST_POOL', 'KEYBOARD'])('%s is not', (name) =>
    expect(isSecretName(name)).toBe(false),
  );

  test('scrubSecrets drops secrets and unset values, keeps the rest', () => {
    expect(scrubSecrets({ PATH: '/bin', OPENAI_API_KEY: 'sk', EMPTY: undefined, FOO: 'bar' })).toEqual({ PATH: '/bin', FOO: 'bar' });
  });
});

describe('buildSandboxEnv', () => {
  const host = { LANG: 'de_DE.UTF-8', TZ: 'UTC', USER: 'root', SHELL: '/bin/zsh', OPENAI_API_KEY: 'sk', SOME_HOST_VAR: 'x' };

  test('starts from an allowlist, not from the host environment', () => {
    const env = buildSandboxEnv({ path: ['/a', '/b'], home: '/h', tmpdir: '/t', host, overrides: [] });
    expect(env).toEqual({ LANG: 'de_DE.UTF-8', TZ: 'UTC', PATH: '/a:/b', HOME: '/h', TMPDIR: '/t', CI: 'true', NO_COLOR: '1' });
  });

  test('later overrides win, and secrets in them are still dropped', () => {
    const env = buildSandboxEnv({
      path: ['/a'],
      home: '/h',
      tmpdir: '/t',
      host: {},
      overrides: [
        { NODE_ENV: 'test', A: '1', GITHUB_TOKEN: 'ghp' },
        { A: '2', MY_SECRET: 's', B: undefined },
      ],
    });
    expect(env).toMatchObject({ NODE_ENV: 'test', A: '2', LANG: 'C.UTF-8' });
    expect(Object.keys(env)).not.toContain('GITHUB_TOKEN');
    expect(Object.keys(env)).not.toContain('MY_SECRET');
    expect(Object.keys(env)).not.toContain('B');
  });
});

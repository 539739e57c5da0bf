import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../src/sandbox/env-file.ts';
import { createRedactor, REDACTED } from '../../src/sandbox/redact.ts';
import { secretValues } from '../../src/sandbox/secrets.ts';

describe('parseEnvFile', () => {
  it('reads entries the way dotenv does: export, quotes, escapes, comments, multi-line values', () => {
    const text = [
      '# a comment: IGNORED=value',
      'PLAIN=plain-value',
      'export EXPORTED = spaced-value   # trailing comment',
      "SINGLE='single # not a comment'",
      'DOUBLE="line one\\nline two \\"quoted\\""',
      'BACKTICK=`back tick`',
      'MULTI="-----BEGIN KEY-----',
      'abc123',
      '-----END KEY-----"',
      'EMPTY=',
      'WINDOWS=crlf-value\r',
      '  INDENTED=indented-value',
      'not an entry',
    ].join('\n');
    expect(parseEnvFile(text)).toEqual([
      ['PLAIN', 'plain-value'],
      ['EXPORTED', 'spaced-value'],
      ['SINGLE', 'single # not a comment'],
      ['DOUBLE', 'line one\nline two "quoted"'],
      ['BACKTICK', 'back tick'],
      ['MULTI', '-----BEGIN KEY-----\nabc123\n-----END KEY-----'],
      ['EMPTY', ''],
      ['WINDOWS', 'crlf-value'],
      ['INDENTED', 'indented-value'],
    ]);
  });
});

describe('secretValues', () => {
  it('takes the values of credential-like host variables, and nothing else from the host but URL passwords', () => {
    const secrets = secretValues({
      env: {
        MY_SERVICE_TOKEN: 'tok-4Hs8Wq2Lx9Rf6Zp1Yd5',
        NPM_TOKEN: 'npm_abcdefgh12',
        npm_config__authToken: 'npm-auth-value',
        // npm's own variables name no credential, though NPM_ prefixes count as one.
        npm_package_name: 'my-project-name',
        npm_config_cache: '/root/.npm',
        HOME: '/home/someone',
        PATH: '/usr/local/bin:/usr/bin',
        HTTPS_PROXY: 'http://me:proxy-pw%21@proxy:3128',
        // Too short or too common, whatever the name.
        GITHUB_ACTIONS: 'true',
        AWS_PROFILE: 'default',
        GH_PORT: '8080',
        AUTH_PASSWORD: 'short',
        UNSET_TOKEN: undefined,
      },
      envFiles: [],
    });
    expect(secrets.sort()).toEqual(['npm-auth-value', 'npm_abcdefgh12', 'proxy-pw!', 'proxy-pw%21', 'tok-4Hs8Wq2Lx9Rf6Zp1Yd5']);
  });

  it('takes .env values from fewer characters under a credential-like key than under any other', () => {
    const envFile = [
      'DB_PASSWORD=hunter',
      'SESSION_SECRET=abc12',
      'APP_NAME=shop-app',
      'WEBHOOK_URL=https://hooks.example.com/T1/B2',
      'DATABASE_URL="postgres://app:pg-pass-1@db:5432/app"',
      'PORT=3000',
      'HOST=127.0.0.1',
      'NODE_ENV=development',
      'DEBUG=true',
      'PRIVATE_KEY="-----BEGIN KEY-----\\nMIIEvQIBADANBg\\n-----END KEY-----"',
    ].join('\n');
    expect(secretValues({ env: {}, envFiles: [envFile, 'export API_KEY="key-from-local"'] }).sort()).toEqual(
      [
        '-----BEGIN KEY-----',
        '-----BEGIN KEY-----\nMIIEvQIBADANBg\n-----END KEY-----',
        '-----END KEY-----',
        'MIIEvQIBADANBg',
        'https://hooks.example.com/T1/B2',
        'hunter',
        'key-from-local',
        'pg-pass-1',
        'postgres://app:pg-pass-1@db:5432/app',
      ].sort(),
    );
  });
});

describe('createRedactor', () => {
  const KEY = 'svc-7Qm2ZrT9xVb4NcK8LpW3';
  const SHORT = 'abcdef12';
  const LONG = 'abcdef1234';
  /** Starts where SHORT ends: a match of SHORT may end inside what could be the start of this one. */
  const OVERLAPPING = '12-tail-xy';
  const redactor = createRedactor([SHORT, KEY, LONG, OVERLAPPING]);

  it('replaces every occurrence of every secret, the longest first', () => {
    expect(redactor.redact(`x ${LONG} y ${SHORT} z ${KEY}${KEY}`)).toBe(`x ${REDACTED} y ${REDACTED} z ${REDACTED}${REDACTED}`);
    expect(redactor.redact('nothing secret here: abcdef1')).toBe('nothing secret here: abcdef1');
  });

  it('finds a secret inside JSON, where its quotes and backslashes are escaped', () => {
    const odd = 'pa"ss\\w0rd';
    const json = JSON.stringify({ message: `expected '${odd}'` });
    const redacted = createRedactor([odd]).redact(json);
    expect(JSON.parse(redacted)).toEqual({ message: `expected '${REDACTED}'` });
  });

  it('leaves text alone without secrets', () => {
    const none = createRedactor(['']);
    const chunks: string[] = [];
    const stream = none.stream((text) => chunks.push(text));
    stream.write('abc');
    expect(none.redact('abc')).toBe('abc');
    expect(chunks).toEqual(['abc']);
  });

  /** What a stream passes on for `text` cut at `cuts`. */
  function streamed(text: string, cuts: number[]): string[] {
    const out: string[] = [];
    const stream = redactor.stream((chunk) => out.push(chunk));
    let from = 0;
    for (const cut of [...cuts, text.length]) {
      stream.write(text.slice(from, cut));
      from = cut;
    }
    stream.end();
    return out;
  }

  it('streams to exactly the redacted whole, however the text is cut', () => {
    const text = `a ${KEY} b ${SHORT}34 c ${SHORT} ${LONG.slice(0, 9)} svc-7Qm2\n${SHORT}-tail-xy ${OVERLAPPING} ${KEY}`;
    const whole = redactor.redact(text);
    expect(whole).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED} ${REDACTED}3 svc-7Qm2\n${REDACTED}-tail-xy ${REDACTED} ${REDACTED}`);
    for (let cut = 0; cut <= text.length; cut++) expect(streamed(text, [cut]).join(''), `cut at ${cut}`).toBe(whole);
    const everyChar = [...text].map((_, i) => i + 1).slice(0, -1);
    expect(streamed(text, everyChar).join('')).toBe(whole);
  });

  it('holds back only a tail that could start a secret, and lets the rest through at once', () => {
    const out: string[] = [];
    const stream = redactor.stream((chunk) => out.push(chunk));
    stream.write('line one\n');
    expect(out).toEqual(['line one\n']);
    stream.write('key=svc-7Qm2');
    expect(out).toEqual(['line one\n', 'key=']);
    stream.write('ZrT9xVb4NcK8LpW3 ok\n');
    expect(out).toEqual(['line one\n', 'key=', `${REDACTED} ok\n`]);
    stream.write('abcdef12');
    // A whole SHORT may still be the start of LONG: held until it cannot be.
    expect(out).toHaveLength(3);
    stream.end();
    expect(out.at(-1)).toBe(REDACTED);
  });
});

/**
 * The sandbox of a run (as every step acquires it) on both providers: what the project's code
 * prints comes back redacted, the project's own files come back exact.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { acquireSandbox, releaseSandbox } from '../../src/runtime/run-sandboxes.ts';
import { projectSecrets } from '../../src/sandbox/project-secrets.ts';
import { type EnvdServer, startEnvdServer } from '../support/envd-server.ts';
import { makeProject, removeTempDirs } from './local-fixtures.ts';

const KEY = 'svc-7Qm2ZrT9xVb4NcK8LpW3';
const TOKEN = 'tok-4Hs8Wq2Lx9Rf6Zp1Yd5';
const DB_URL = 'postgres://app:pg-pass-77@db/app';
const CONFIG = `export const SERVICE_API_KEY = '${KEY}';\n`;

let server: EnvdServer;
let projectDir: string;

beforeAll(async () => {
  server = await startEnvdServer();
  projectDir = await makeProject({
    '.env': `# service\nSERVICE_API_KEY=${KEY}\nPORT=3000\n`,
    '.env.local': `export DB_URL="${DB_URL}"\n`,
    // A directory by the same pattern (a Python virtualenv, say) is no env file.
    '.env.d/README': 'not=read\n',
    'src/config.ts': CONFIG,
    'fixtures/webhook.json': `{"token":"${TOKEN}"}\n`,
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

test('the secrets of a run: credential-like host variables and the .env files of the project', async () => {
  const secrets = await projectSecrets(projectDir, { MY_SERVICE_TOKEN: TOKEN, HOME: '/home/someone' });
  expect(secrets.sort()).toEqual([DB_URL, 'pg-pass-77', KEY, TOKEN].sort());
});

describe.each(['local', 'e2b'] as const)('a run sandbox (%s)', (kind) => {
  test('redacts command output, streamed output and the run files under .improve/, never the project files', async () => {
    vi.stubEnv('MY_SERVICE_TOKEN', TOKEN);
    if (kind === 'e2b') {
      vi.stubEnv('E2B_API_KEY', 'e2b_redaction');
      vi.stubEnv('E2B_API_URL', server.apiUrl);
      vi.stubEnv('E2B_SANDBOX_URL', server.sandboxUrl);
    }
    const runId = `redaction-${kind}`;
    const sandbox = await acquireSandbox(runId, { projectDir, kind }, []);
    try {
      expect(sandbox.provider).toBe(kind);
      const printed = await sandbox.executeCommand(`cat src/config.ts; cat fixtures/webhook.json >&2; echo "${DB_URL}"`);
      expect(printed.stdout).toBe("export const SERVICE_API_KEY = '[redacted]';\n[redacted]\n");
      expect(printed.stderr).toBe('{"token":"[redacted]"}\n');

      // The key arrives in two writes: no callback ever sees its first half.
      const chunks: string[] = [];
      const streamed = await sandbox.executeCommand(`printf 'key=${KEY.slice(0, 8)}'; sleep 0.3; printf '${KEY.slice(8)}\\nnext\\n'`, [], {
        onStdout: (chunk) => chunks.push(chunk),
      });
      expect(chunks.join('')).toBe('key=[redacted]\nnext\n');
      expect(chunks.filter((chunk) => chunk.includes(KEY.slice(0, 8)))).toEqual([]);
      expect(streamed.stdout).toBe('key=[redacted]\nnext\n');

      // The base of every edit is exact; what the run's tools left in .improve/ is output.
      expect(await sandbox.readFile('src/config.ts')).toBe(CONFIG);
      await sandbox.executeCommand('mkdir -p .improve && cp src/config.ts .improve/report.json');
      for (const path of ['.improve/report.json', './.improve/report.json', `${sandbox.workdir}/.improve/report.json`]) {
        expect(await sandbox.readFile(path), path).toBe("export const SERVICE_API_KEY = '[redacted]';\n");
      }

      // For what is sent elsewhere, e.g. a model's prompt.
      expect(sandbox.redact?.(`password pg-pass-77, token ${TOKEN}`)).toBe('password [redacted], token [redacted]');
    } finally {
      await releaseSandbox(runId);
    }
  });
});

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ImprovementReportSchema } from '../../src/contract/report.ts';
import { ImprovementEventSchema } from '../../src/events/improvement-event.ts';
import { type OpenAIServer, type RecordedRequest, type ScriptedReply, startOpenAIServer } from '../support/openai-server.ts';
import { projectCopy, ROOT, runCli } from './support/cli.ts';

// A project that leaks two secrets through its tests, improved by the real CLI with a model: the
// key is in the project's .env and, by mistake, in its source; the token is in the tool's own
// environment (MY_SERVICE_TOKEN) and in a test fixture. A failing test prints both.

const FIXTURE = join(ROOT, 'tests/fixtures/projects/leaky-secret');
const KEY = 'svc-7Qm2ZrT9xVb4NcK8LpW3';
const TOKEN = 'tok-4Hs8Wq2Lx9Rf6Zp1Yd5';
const BUGGY = 'return age > 18 ?';
const FIXED = 'return age >= 18 ?';

const FIX: ScriptedReply = {
  answer: {
    suggestions: [
      {
        rationale: 'The 18th birthday counts as grown up.',
        category: 'failure',
        priority: 'high',
        edits: [{ file: 'src/access.ts', search: BUGGY, replace: FIXED }],
      },
    ],
  },
};

/** The scripted model: fixes the birthday test; has nothing for the webhook test, whose data is wrong. */
function model(request: RecordedRequest): ScriptedReply {
  const finding = /## Finding\n(.*)/.exec(request.messages.map((m) => m.text).join('\n'))?.[1] ?? '';
  return finding.includes('18th birthday') ? FIX : { answer: { suggestions: [] } };
}

/** Every file under `dir`, keyed by its path relative to `dir`, as bytes (the run store is binary). */
async function filesUnder(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return new Map(await Promise.all(files.map(async (file) => [file.slice(dir.length + 1), await readFile(file)] as const)));
}

/** The project's own files: all but the run's records and the linked dependencies. */
async function projectFiles(dir: string): Promise<Map<string, Buffer>> {
  const files = await filesUnder(dir);
  return new Map([...files].filter(([name]) => !/^(\.improve|node_modules)\//.test(name)));
}

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('secret values', () => {
  it('appear in nothing the run stores or sends, and redaction never reaches the project', async () => {
    const project = await projectCopy(FIXTURE);
    const original = await projectFiles(project);
    server = await startOpenAIServer(model);
    const run = await runCli([project, '--json', '--write', '--suggester', 'llm', '--max-iterations', '2'], {
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL, MY_SERVICE_TOKEN: TOKEN },
    });
    // Not green: the webhook test cannot be fixed in the source.
    expect(run.code, run.stderr).toBe(1);

    // The secrets were there to leak: the model saw the failure and the source, both redacted.
    const told = server.requests.flatMap((request) => request.messages.map((m) => m.text)).join('\n');
    expect(told).toContain("hands the key over on the 18th birthday: AssertionError: expected undefined to be '[redacted]'");
    expect(told).toContain("export const SERVICE_API_KEY = '[redacted]';");

    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => ImprovementEventSchema.parse(JSON.parse(line)));
    const baseline = events.find((event) => event.type === 'findings');
    expect(baseline?.type === 'findings' && baseline.findings.map((f) => f.message)).toEqual(
      expect.arrayContaining([
        "keyFor > hands the key over on the 18th birthday: AssertionError: expected undefined to be '[redacted]' // Object.is equality",
        "signs webhooks with the service key: AssertionError: expected '[redacted]' to be '[redacted]' // Object.is equality",
      ]),
    );

    const report = ImprovementReportSchema.parse(
      JSON.parse(await readFile(join(project, '.improve/runs', events[0]!.runId!, 'report.json'), 'utf8')),
    );
    expect(report.accepted.map((change) => change.fixed)).toEqual([
      ['tests/access.test.ts > keyFor > hands the key over on the 18th birthday'],
    ]);
    expect(report.findings.map((f) => f.message)).toContain(
      "signs webhooks with the service key: AssertionError: expected '[redacted]' to be '[redacted]' // Object.is equality",
    );

    const stored = await filesUnder(join(project, '.improve'));
    const names = [...stored.keys()];
    expect(names).toEqual(expect.arrayContaining(['mastra.db', `runs/${report.runId}/report.json`, `runs/${report.runId}/summary.md`]));
    expect(names.filter((name) => name.startsWith(`runs/${report.runId}/blobs/`)).length).toBeGreaterThan(0);
    const outputs = new Map<string, Buffer>([
      ['stdout', Buffer.from(run.stdout)],
      ['stderr', Buffer.from(run.stderr)],
      ...server.requests.map((request, i) => [`model request ${i + 1}`, Buffer.from(JSON.stringify(request.body))] as const),
      ...[...stored].map(([name, bytes]) => [`.improve/${name}`, bytes] as const),
    ]);
    for (const [where, bytes] of outputs) {
      for (const secret of [KEY, TOKEN]) expect(bytes.includes(secret), `${where} holds ${secret}`).toBe(false);
    }

    // --write wrote the real fix and nothing else: the source, .env and fixture holding the secrets are as they were.
    const fixed = original.get('src/access.ts')!.toString().replace(BUGGY, FIXED);
    expect(await projectFiles(project)).toEqual(new Map([...original, ['src/access.ts', Buffer.from(fixed)]]));
    expect(original.get('src/config.ts')?.toString()).toContain(KEY);
    expect(report.written).toEqual(['src/access.ts']);
  }, 300_000);
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analyzeErrorHandlingInSandbox } from '../../src/analysis/error-handling.ts';
import { analyzePerformance } from '../../src/analysis/performance.ts';
import type { Finding } from '../../src/contract/finding.ts';
import { createLocalSandbox, type LocalSandbox } from '../../src/sandbox/local.ts';
import { createModelSuggester } from '../../src/suggest/llm/suggester.ts';
import type { TestReport } from '../../src/testing/report.ts';
import { runTests } from '../../src/testing/run-tests.ts';
import { type OpenAIServer, type ScriptedReply, startOpenAIServer } from '../support/openai-server.ts';
import { LINEAR_VISITORS as LINEAR, QUADRATIC_VISITORS as QUADRATIC } from '../support/slow-example.ts';

// examples/slow end to end: analyzers find the problems, the model (a scripted local server) answers,
// the answer is validated in a real sandbox against the whole suite.

let sandbox: LocalSandbox;
let report: TestReport;
let server: OpenAIServer | undefined;

beforeAll(async () => {
  sandbox = await createLocalSandbox({ projectDir: 'examples/slow' });
  report = await runTests(sandbox);
});
afterAll(async () => {
  await sandbox?.destroy();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function suggest(finding: Finding, reply: ScriptedReply) {
  server = await startOpenAIServer([reply]);
  const suggester = createModelSuggester({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL } });
  const suggestions = await suggester.suggest({ sandbox, report, findings: [finding], rejected: [] });
  return { suggestions, suggester, requests: server.requests };
}

describe('model suggester on examples/slow', () => {
  it('takes the profiled hot spot to the model and validates its faster version', async () => {
    const [finding] = await analyzePerformance(report, { sandbox });
    expect(finding?.location).toMatchObject({ file: 'src/events.ts' });
    const { suggestions, requests } = await suggest(finding!, {
      answer: {
        suggestions: [
          {
            rationale: 'A Set makes the membership test constant time; insertion order is kept.',
            category: 'performance',
            priority: 'medium',
            edits: [{ file: 'src/events.ts', search: QUADRATIC, replace: LINEAR }],
          },
        ],
      },
    });
    const prompt = requests[0]!.messages.map((m) => m.text).join('\n');
    expect(prompt).toContain('CPU profile, self time per function:');
    expect(prompt).toContain('13 |       if (id === view.visitorId) known = true;');
    expect(prompt).toContain('A change is accepted when every test still passes afterwards.');
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toMatchObject({
      category: 'performance',
      findingId: finding!.id,
      validated: { brokeTests: [] },
    });
  });

  it('rejects an error-handling change that breaks a passing test', async () => {
    const findings = await analyzeErrorHandlingInSandbox(sandbox, report);
    const floating = findings.find((f) => f.id.startsWith('error-handling:floating-promise:src/ingest.ts'));
    expect(floating?.priority).toBe('high');
    const { suggestions, suggester } = await suggest(floating!, {
      answer: {
        suggestions: [
          {
            rationale: 'Await every write so failures reach the caller.',
            category: 'error-handling',
            priority: 'high',
            edits: [
              {
                file: 'src/ingest.ts',
                search: 'export function flush(views: readonly PageView[], sink: Sink, config: IngestConfig): number {',
                replace: 'export async function flush(views: readonly PageView[], sink: Sink, config: IngestConfig): Promise<number> {',
              },
              { file: 'src/ingest.ts', search: '    sink.write(views.slice', replace: '    await sink.write(views.slice' },
            ],
          },
        ],
      },
    });
    expect(suggestions).toEqual([]);
    expect(suggester.notes()).toEqual([
      `${floating!.id}: llm-1 rejected: it breaks tests that passed: tests/ingest.test.ts > flush > sends views in batches`,
    ]);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failuresAnalyzer } from '../../src/analysis/failures.ts';
import type { Finding } from '../../src/contract/finding.ts';
import { createLocalSandbox, type LocalSandbox } from '../../src/sandbox/local.ts';
import { createModelSuggester, type ModelSuggesterOptions } from '../../src/suggest/llm/suggester.ts';
import type { SuggestContext } from '../../src/suggest/suggester.ts';
import type { TestReport } from '../../src/testing/report.ts';
import { runTests } from '../../src/testing/run-tests.ts';
import { type OpenAIServer, type ScriptedReply, startOpenAIServer } from '../support/openai-server.ts';

const TAX_TEST = 'tests/cart.test.ts > totals > taxes the discounted amount';
const WRONG_LINE = 'const tax = roundCents(gross * options.taxRate);';
const FIXED_LINE = 'const tax = roundCents(goods * options.taxRate);';

const answer = (edits: Array<{ file: string; search: string; replace: string }>, rationale = 'Tax applies to the discounted goods.') => ({
  answer: { suggestions: [{ rationale, category: 'failure', priority: 'high', edits }] },
});
const correct = answer([{ file: 'src/cart.ts', search: WRONG_LINE, replace: FIXED_LINE }]);

let sandbox: LocalSandbox;
let report: TestReport;
let taxFinding: Finding;
let server: OpenAIServer | undefined;

beforeAll(async () => {
  sandbox = await createLocalSandbox({ projectDir: 'examples/buggy' });
  report = await runTests(sandbox);
  const findings = await failuresAnalyzer.analyze({ report, sandbox });
  const found = findings.find((finding) => finding.tests.includes(TAX_TEST));
  if (!found) throw new Error(`no finding for ${TAX_TEST}`);
  taxFinding = found;
});
afterAll(async () => {
  await sandbox?.destroy();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function suggesterWith(script: ScriptedReply[], options: ModelSuggesterOptions = {}) {
  server = await startOpenAIServer(script);
  const suggester = createModelSuggester({
    model: 'gpt-4.1-mini',
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL },
    ...options,
  });
  return { suggester, server };
}

function context(extra: Partial<SuggestContext> = {}): SuggestContext {
  return { sandbox, report, findings: [taxFinding], rejected: [], ...extra };
}

describe('model suggester against a local OpenAI server', () => {
  it('turns a correct answer into a suggestion validated in the sandbox', async () => {
    const { suggester, server } = await suggesterWith([correct]);
    const before = await sandbox.readFile('src/cart.ts');
    const suggestions = await suggester.suggest(context());

    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toMatchObject({
      id: 'llm-1',
      source: 'llm',
      findingId: taxFinding.id,
      category: 'failure',
      priority: 'high',
      edits: [{ file: 'src/cart.ts', search: WRONG_LINE, replace: FIXED_LINE }],
      validated: { fixedTests: [TAX_TEST], brokeTests: [] },
      usage: { calls: 1 },
    });
    // Validation ran on copies: the sandbox still holds the unpatched project.
    expect(await sandbox.readFile('src/cart.ts')).toBe(before);

    // What the model was sent: the Responses API, with the key, the schema, the error and the code.
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/responses');
    expect(request?.authorization).toBe('Bearer sk-test');
    expect(request?.body).toMatchObject({
      model: 'gpt-4.1-mini',
      text: { format: { type: 'json_schema', strict: true, name: 'suggestions' } },
    });
    const prompt = request?.messages.map((m) => m.text).join('\n') ?? '';
    const failure = report.files.flatMap((f) => f.tests).find((t) => t.id === TAX_TEST)?.failure;
    expect(failure?.message).toBeTruthy();
    expect(prompt).toContain(`Error: ${failure?.message}`);
    expect(prompt).toContain(`Expected: ${failure?.expected}`);
    // The assertion fails in the test file; the source it imports is shown first, numbered.
    expect(prompt).toContain(`| ${' '.repeat(2)}${WRONG_LINE}`);
    expect(prompt.indexOf('src/cart.ts (lines 1-')).toBeGreaterThan(0);
    expect(prompt.indexOf('src/cart.ts (lines 1-')).toBeLessThan(prompt.indexOf('tests/cart.test.ts (lines 1-'));
    expect(suggester.usage()).toMatchObject({ calls: 1, model: 'openai/gpt-4.1-mini', exhausted: false });
  });

  it('sends malformed JSON back once with the problem, then uses the corrected answer', async () => {
    const { suggester, server } = await suggesterWith([{ text: '{"suggestions": [{"rationale": "oops"' }, correct]);
    const suggestions = await suggester.suggest(context());
    expect(suggestions.map((s) => s.validated?.fixedTests)).toEqual([[TAX_TEST]]);
    expect(server.requests).toHaveLength(2);
    const second = server.requests[1]!.messages;
    expect(second.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(second[2]?.text).toBe('{"suggestions": [{"rationale": "oops"');
    expect(second[3]?.text).toContain('Your answer could not be used:\n- the answer is not the JSON the schema asks for');
    expect(suggestions[0]?.usage?.calls).toBe(2);
  });

  it('drops a search block that matches nothing after telling the model once', async () => {
    const wrong = answer([{ file: 'src/cart.ts', search: 'const tax = gross * rate;', replace: 'const tax = goods * rate;' }]);
    const { suggester, server } = await suggesterWith([wrong, wrong]);
    expect(await suggester.suggest(context())).toEqual([]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.messages.at(-1)?.text).toContain(
      'suggestion 1: search text not found in src/cart.ts: "const tax = gross * rate;"',
    );
    expect(suggester.notes()).toEqual([
      `${taxFinding.id}: dropped after one correction: suggestion 1: search text not found in src/cart.ts: "const tax = gross * rate;"`,
    ]);
  });

  it('refuses edits to test files and paths outside the project, telling the model why', async () => {
    const cheat = answer([{ file: 'tests/cart.test.ts', search: 'describe(', replace: 'describe.skip(' }]);
    const outside = answer([{ file: '../outside.ts', search: 'x', replace: 'y' }]);
    const { suggester, server } = await suggesterWith([cheat, outside]);
    expect(await suggester.suggest(context())).toEqual([]);
    expect(server.requests[1]!.messages.at(-1)?.text).toContain('edits to tests or test configuration are not allowed: tests/cart.test.ts');
    expect(suggester.notes()[0]).toContain('path escapes the project: ../outside.ts');
  });

  it('gives up on a model that does not answer when its request timeout fires', async () => {
    const { suggester, server } = await suggesterWith([{ hang: true }], { requestTimeoutMs: 400 });
    const started = Date.now();
    expect(await suggester.suggest(context())).toEqual([]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.requests).toHaveLength(1);
    expect(suggester.notes()).toEqual([`${taxFinding.id}: no answer: the model did not answer within 400 ms`]);
    expect(suggester.usage().calls).toBe(1);
  });

  it('stops at the call budget and then returns nothing, saying why', async () => {
    const { suggester, server } = await suggesterWith([{ text: 'not json' }, correct], { maxCalls: 1 });
    expect(await suggester.suggest(context())).toEqual([]);
    expect(suggester.notes()[0]).toContain('model budget spent: 1 of 1 calls used');
    expect(await suggester.suggest(context())).toEqual([]);
    expect(suggester.notes()).toEqual(['model budget spent: 1 of 1 calls used']);
    expect(server.requests).toHaveLength(1);
    expect(suggester.usage()).toMatchObject({ calls: 1, maxCalls: 1, exhausted: true });
  });

  it('counts the tokens the server reports against the token budget', async () => {
    const { suggester, server } = await suggesterWith([{ text: 'not json', usage: { input: 1_500, output: 600 } }], { maxTokens: 2_000 });
    expect(await suggester.suggest(context())).toEqual([]);
    expect(suggester.usage()).toMatchObject({ calls: 1, inputTokens: 1_500, outputTokens: 600, exhausted: true });
    expect(suggester.tokensUsed).toBe(2_100);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a change the tests turn down and shows it, with the reason, in the next prompt', async () => {
    const useless = answer(
      [
        {
          file: 'src/cart.ts',
          search: 'export function emptyCart(): Cart {',
          replace: 'export function emptyCart(): Cart {\n  // fresh cart',
        },
      ],
      'A comment will do.',
    );
    const { suggester, server } = await suggesterWith([useless, correct]);
    expect(await suggester.suggest(context({ rejected: [] }))).toEqual([]);
    expect(suggester.notes()).toEqual([`${taxFinding.id}: llm-1 rejected: the failing tests still fail: ${TAX_TEST}`]);

    const second = await suggester.suggest(context());
    expect(second.map((s) => s.id)).toEqual(['llm-2']);
    const prompt = server.requests[1]!.messages.map((m) => m.text).join('\n');
    expect(prompt).toContain(`1. A comment will do.\n   Rejected because: the failing tests still fail: ${TAX_TEST}`);
  });

  it('carries rejections from the caller into the prompt', async () => {
    const { suggester, server } = await suggesterWith([{ text: '[]' }, { text: '[]' }]);
    const earlier = {
      suggestion: {
        id: 'repair-7',
        source: 'repair',
        category: 'failure' as const,
        priority: 'high' as const,
        rationale: 'swap operands',
        edits: [{ file: 'src/cart.ts', search: 'a', replace: 'b' }],
      },
      reason: 'breaks tests that passed: tests/cart.test.ts > totals > adds shipping',
    };
    await suggester.suggest(context({ rejected: [earlier] }));
    expect(server.requests[0]!.messages.at(-1)?.text).toContain(
      'Rejected because: breaks tests that passed: tests/cart.test.ts > totals > adds shipping',
    );
  });
});

describe('model suggester, other ways in', () => {
  it('works with any AI SDK model passed in, here the Chat Completions API', async () => {
    server = await startOpenAIServer([{ text: '{}' }, { text: '{}' }]);
    const { createOpenAI } = await import('@ai-sdk/openai');
    const chat = createOpenAI({ apiKey: 'sk-chat', baseURL: server.baseURL }).chat('local-model');
    const suggester = createModelSuggester({ model: chat });
    expect(await suggester.suggest(context())).toEqual([]);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
    expect(server.requests[0]?.messages.some((m) => m.text.includes(TAX_TEST))).toBe(true);
    expect(suggester.usage().model).toBe('openai/local-model');
  });

  it('leaves a finding alone once it has had its share of rejected attempts', async () => {
    server = await startOpenAIServer([]);
    const suggester = createModelSuggester({ env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.baseURL }, attemptsPerFinding: 2 });
    const attempt = {
      suggestion: {
        id: 'r',
        findingId: taxFinding.id,
        source: 'repair',
        category: 'failure' as const,
        priority: 'high' as const,
        rationale: 'x',
        edits: [{ file: 'src/cart.ts', search: 'a', replace: 'b' }],
      },
      reason: 'the failing tests still fail',
    };
    expect(await suggester.suggest(context({ rejected: [attempt, attempt] }))).toEqual([]);
    expect(suggester.notes()).toEqual(['no finding left to work on (each needs a location and fewer than 2 rejected attempts)']);
    expect(server.requests).toHaveLength(0);
  });
});

describe('model suggester when validation cannot run', () => {
  it('notes the failure and holds nothing against the model', async () => {
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'ri-novitest-'));
    await mkdir(join(dir, 'src'));
    await writeFile(join(dir, 'src/a.js'), 'export const answer = 41;\n');
    await writeFile(join(dir, 'package.json'), '{"type":"module","scripts":{"test":"node -e 0"}}\n');
    const bare = await createLocalSandbox({ projectDir: dir });
    try {
      server = await startOpenAIServer([
        answer([{ file: 'src/a.js', search: '41', replace: '42' }], 'The answer is 42.'),
        { text: '{}' },
        { text: '{}' },
      ]);
      const suggester = createModelSuggester({ env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.baseURL } });
      const finding: Finding = {
        id: 'quality:x',
        category: 'quality',
        priority: 'low',
        message: 'm',
        location: { file: 'src/a.js', line: 1 },
        tests: [],
      };
      const quiet = { sandbox: bare, report, findings: [finding], rejected: [] };
      expect(await suggester.suggest(quiet)).toEqual([]);
      expect(suggester.notes()).toHaveLength(1);
      expect(suggester.notes()[0]).toMatch(/^quality:x: validation failed: /);
      await suggester.suggest(quiet);
      expect(server.requests[1]!.messages.at(-1)?.text).not.toContain('Rejected attempts');
    } finally {
      await bare.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

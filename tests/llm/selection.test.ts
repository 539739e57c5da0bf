import { describe, expect, it, vi } from 'vitest';
import { createCombinedSuggester } from '../../src/suggest/combined.ts';
import { addCall, budgetStop, NO_USAGE } from '../../src/suggest/llm/budget.ts';
import { isModelConfigured } from '../../src/suggest/llm/configured.ts';
import { resolveModel } from '../../src/suggest/llm/model.ts';
import { DEFAULT_MODEL_ID, ModelConfigError, parseModelName } from '../../src/suggest/llm/model-name.ts';
import { autoSuggesterName, registrationFor } from '../../src/suggest/registry.ts';
import type { SuggestContext, Suggester } from '../../src/suggest/suggester.ts';
import type { Suggestion } from '../../src/suggest/suggestion.ts';

describe('model configuration and auto', () => {
  it('counts a model as configured only with a key or IMPROVE_MODEL', () => {
    expect(isModelConfigured({})).toBe(false);
    expect(isModelConfigured({ OPENAI_API_KEY: '  ' })).toBe(false);
    expect(isModelConfigured({ OPENAI_API_KEY: 'sk-1' })).toBe(true);
    expect(isModelConfigured({ IMPROVE_MODEL: 'gpt-4.1' })).toBe(true);
  });

  it('has the built-in suggesters registered with no call, and auto repairs offline', () => {
    expect(registrationFor('repair').autoRank).toBeDefined();
    expect(registrationFor('both').factory).toBeTypeOf('function');
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('IMPROVE_MODEL', '');
    try {
      expect(autoSuggesterName()).toBe('repair');
      expect(() => registrationFor('llm')).toThrow(/needs a model/);
      vi.stubEnv('OPENAI_API_KEY', 'sk-test');
      expect(autoSuggesterName()).toBe('llm');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('createCombinedSuggester', () => {
  const suggestion = (source: string): Suggestion => ({
    id: `${source}-1`,
    source,
    category: 'failure',
    priority: 'high',
    rationale: 'r',
    edits: [{ file: 'src/a.ts', search: 'a', replace: 'b' }],
  });
  /** A suggester that records its calls and answers what it is given. */
  const recording = (name: string, answer: Suggestion[]) => {
    const calls: SuggestContext[] = [];
    const suggester: Suggester = {
      name,
      suggest: async (context) => {
        calls.push(context);
        return answer;
      },
    };
    return { suggester, calls };
  };
  const context = {} as SuggestContext;

  it('asks the second only when the first has nothing', async () => {
    const repair = recording('repair', [suggestion('repair')]);
    const model = recording('llm', [suggestion('llm')]);
    const both = createCombinedSuggester(repair.suggester, model.suggester);
    expect(both.name).toBe('repair+llm');
    expect((await both.suggest(context)).map((s) => s.source)).toEqual(['repair']);
    expect(model.calls).toHaveLength(0);

    const empty = recording('repair', []);
    const fallback = createCombinedSuggester(empty.suggester, model.suggester);
    expect((await fallback.suggest(context)).map((s) => s.source)).toEqual(['llm']);
    expect(model.calls).toEqual([context]);
  });

  it('adds up the model tokens its parts spent', () => {
    const metered = { ...recording('llm', []).suggester, tokensUsed: 1_234 };
    expect(createCombinedSuggester(recording('repair', []).suggester, metered).tokensUsed).toBe(1_234);
  });
});

describe('resolveModel', () => {
  it('makes an OpenAI Responses model from a bare id, a Mastra-style name, or IMPROVE_MODEL', () => {
    const bare = resolveModel('gpt-4.1', { OPENAI_API_KEY: 'k' });
    expect(typeof bare !== 'string' && [bare.provider, bare.modelId]).toEqual(['openai.responses', 'gpt-4.1']);
    const mastra = resolveModel('openai/gpt-4.1-nano', { OPENAI_API_KEY: 'k' });
    expect(typeof mastra !== 'string' && mastra.modelId).toBe('gpt-4.1-nano');
    const fromEnv = resolveModel(undefined, { IMPROVE_MODEL: 'o4-mini' });
    expect(typeof fromEnv !== 'string' && fromEnv.modelId).toBe('o4-mini');
    const fallback = resolveModel(undefined, {});
    expect(typeof fallback !== 'string' && fallback.modelId).toBe(DEFAULT_MODEL_ID);
  });

  it('passes a model object through and refuses providers it cannot build from a string', () => {
    const model = resolveModel('gpt-4.1', {});
    expect(resolveModel(model, {})).toBe(model);
    expect(() => resolveModel('anthropic/claude-sonnet-4', {})).toThrow(ModelConfigError);
    expect(() => parseModelName('openai/')).toThrow('not a model name');
  });
});

describe('budgetStop', () => {
  const budget = { maxCalls: 2, maxTokens: 1_000 };
  it('stops at the call limit and before a prompt that would overrun the token limit', () => {
    const one = addCall(NO_USAGE, { inputTokens: 500, outputTokens: 100 });
    expect(budgetStop(one, budget)).toBeUndefined();
    expect(budgetStop(one, budget, 350)).toBeUndefined();
    expect(budgetStop(one, budget, 450)).toBe('model budget spent: 600 of 1000 tokens used, the next prompt needs about 450');
    expect(budgetStop(addCall(one, undefined), budget)).toBe('model budget spent: 2 of 2 calls used');
  });
});

import type { ModelSuggesterOptions } from '../suggest/llm/suggester.ts';
import { createCombinedSuggester, resolveSuggesterKind } from '../suggest/llm/select.ts';
import { createModelSuggester } from '../suggest/llm/suggester.ts';
import { createRepairSuggester } from '../suggest/repair/engine.ts';
import type { ImproveOptions } from './options.ts';
import { type MeteredSuggester, registerSuggester } from './suggesters.ts';

const modelOptions = (options: ImproveOptions): ModelSuggesterOptions =>
  options.tokenBudget !== undefined ? { maxTokens: options.tokenBudget } : {};

/**
 * Registers the suggesters that ship with the package: `llm` (a language model; `auto` prefers it
 * when a model is configured, by the model suggester's own rule), `repair` (offline search-based
 * repair, works everywhere) and `both` (repair first, the model when repair finds nothing).
 * A function, not an import side effect: Mastra's bundler drops side-effect-only imports.
 */
export function registerBuiltinSuggesters(): void {
  registerSuggester('llm', {
    factory: (options) => createModelSuggester(modelOptions(options)),
    autoRank: 20,
    available: () => resolveSuggesterKind('auto') === 'llm',
    requires: 'a model (set OPENAI_API_KEY, with OPENAI_BASE_URL for an OpenAI-compatible server, or IMPROVE_MODEL)',
  });
  registerSuggester('repair', { factory: () => createRepairSuggester(), autoRank: 10 });
  registerSuggester('both', {
    factory: (options): MeteredSuggester => {
      const model = createModelSuggester(modelOptions(options));
      const combined = createCombinedSuggester(createRepairSuggester(), model);
      return {
        name: combined.name,
        suggest: (context) => combined.suggest(context),
        get tokensUsed() {
          return model.tokensUsed;
        },
      };
    },
  });
}

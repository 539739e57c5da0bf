import type { ImproveOptions } from '../contract/options.ts';
import { createCombinedSuggester } from './combined.ts';
import { isModelConfigured } from './llm/configured.ts';
import { loadModelRuntime } from './llm/runtime.ts';
import type { ModelSuggesterOptions } from './llm/suggester.ts';
import type { SuggesterRegistration } from './registry.ts';
import type { Suggester } from './suggester.ts';

const modelOptions = (options: ImproveOptions): ModelSuggesterOptions =>
  options.tokenBudget !== undefined ? { maxTokens: options.tokenBudget } : {};

// Loaded on first use: the repair engine brings the TypeScript compiler, the model suggester the AI SDK.
const repairSuggester = async (): Promise<Suggester> => (await import('./repair/engine.ts')).createRepairSuggester();
const modelSuggester = async (options: ImproveOptions): Promise<Suggester> =>
  (await import('./llm/suggester.ts')).createModelSuggester(modelOptions(options));

const MODEL_REQUIREMENT = 'a model (set OPENAI_API_KEY, with OPENAI_BASE_URL for an OpenAI-compatible server, or IMPROVE_MODEL)';

/**
 * The suggesters that ship with the package, always registered: `llm` (a language model; `auto`
 * prefers it when a model is configured), `repair` (offline search-based repair, works everywhere)
 * and `both` (repair first, the model when repair finds nothing).
 */
export const BUILTIN_SUGGESTERS: Readonly<Record<string, SuggesterRegistration>> = {
  llm: {
    factory: modelSuggester,
    autoRank: 20,
    available: () => isModelConfigured(),
    requires: MODEL_REQUIREMENT,
    prepare: loadModelRuntime,
  },
  // Search-based repair needs a failing test to tell a fix from a non-fix.
  repair: { factory: repairSuggester, autoRank: 10, handles: ['failure'] },
  both: {
    prepare: loadModelRuntime,
    factory: async (options) => createCombinedSuggester(await repairSuggester(), await modelSuggester(options)),
  },
};

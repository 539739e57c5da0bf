import type { Suggester } from '../suggester.ts';
import type { ModelEnvironment } from './model.ts';

/** Which suggester a run uses; `both` tries the repair engine first and asks the model when it finds nothing. */
export type SuggesterKind = 'auto' | 'repair' | 'llm' | 'both';

/**
 * `auto` asks the model only when one is configured (an API key, IMPROVE_MODEL, or a model given
 * by the caller), and otherwise repairs offline, so a run without credentials still works.
 */
export function resolveSuggesterKind(
  kind: SuggesterKind,
  env: ModelEnvironment = process.env,
  explicitModel = false,
): Exclude<SuggesterKind, 'auto'> {
  if (kind !== 'auto') return kind;
  const configured = explicitModel || Boolean(env.OPENAI_API_KEY?.trim()) || Boolean(env.IMPROVE_MODEL?.trim());
  return configured ? 'llm' : 'repair';
}

/** Asks `first`; only when it has nothing, asks `second`. Its `tokensUsed` is what both spent on models. */
export function createCombinedSuggester(first: Suggester, second: Suggester): Suggester & { readonly tokensUsed: number } {
  const tokensOf = (suggester: Suggester) => {
    const spent = (suggester as { tokensUsed?: unknown }).tokensUsed;
    return typeof spent === 'number' ? spent : 0;
  };
  return {
    name: `${first.name}+${second.name}`,
    get tokensUsed() {
      return tokensOf(first) + tokensOf(second);
    },
    async suggest(context) {
      const found = await first.suggest(context);
      if (found.length > 0 || context.signal?.aborted) return found;
      return second.suggest(context);
    },
  };
}

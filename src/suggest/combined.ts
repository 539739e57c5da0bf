import type { Suggester } from './suggester.ts';

/** Asks `first`; only when it has nothing, asks `second`. Its `tokensUsed` is what both spent on models. */
export function createCombinedSuggester(first: Suggester, second: Suggester): Suggester & { readonly tokensUsed: number } {
  return {
    name: `${first.name}+${second.name}`,
    get tokensUsed() {
      return (first.tokensUsed ?? 0) + (second.tokensUsed ?? 0);
    },
    async suggest(context) {
      const found = await first.suggest(context);
      if (found.length > 0 || context.signal?.aborted) return found;
      return second.suggest(context);
    },
  };
}

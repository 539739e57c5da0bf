import type { Suggestion } from '../suggest/suggestion.ts';

/**
 * The first suggestion not tried before: neither its id nor the same edits were rejected already
 * (a suggester that forgets what it proposed must not loop on it).
 */
export function pickCandidate(suggestions: readonly Suggestion[], rejected: readonly { suggestion: Suggestion }[]): Suggestion | undefined {
  const ids = new Set(rejected.map((r) => r.suggestion.id));
  const edits = new Set(rejected.map((r) => JSON.stringify(r.suggestion.edits)));
  return suggestions.find((s) => !ids.has(s.id) && !edits.has(JSON.stringify(s.edits)));
}

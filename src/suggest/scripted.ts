import type { Edit } from '../contract/edit.ts';
import type { Category, Priority } from '../contract/finding.ts';
import type { SuggestContext, Suggester } from './suggester.ts';
import type { Suggestion } from './suggestion.ts';

export interface ScriptedChange {
  edits: Edit[];
  /** The finding the change is meant to resolve (its id in the loop's analysis). */
  findingId?: string;
  rationale?: string;
  category?: Category;
  priority?: Priority;
}

/**
 * Proposes a fixed list of changes, in order, skipping those already rejected and those already
 * applied (every search text gone, every replacement present). Holds no state of its own, so it
 * proposes the same thing again in a new process after a resume or restart. For tests and demos.
 */
export function createScriptedSuggester(script: readonly ScriptedChange[], name = 'scripted'): Suggester {
  const suggestions: Suggestion[] = script.map((change, index) => ({
    id: `${name}-${index + 1}`,
    ...(change.findingId !== undefined ? { findingId: change.findingId } : {}),
    source: name,
    category: change.category ?? 'failure',
    priority: change.priority ?? 'high',
    rationale: change.rationale ?? `scripted change ${index + 1}`,
    edits: change.edits,
  }));
  return {
    name,
    async suggest({ sandbox, rejected }: SuggestContext): Promise<Suggestion[]> {
      const rejectedIds = new Set(rejected.map((r) => r.suggestion.id));
      const remaining: Suggestion[] = [];
      for (const suggestion of suggestions) {
        if (rejectedIds.has(suggestion.id)) continue;
        if (await isApplied(suggestion.edits, (file) => sandbox.readFile(file))) continue;
        remaining.push(suggestion);
      }
      return remaining;
    },
  };
}

async function isApplied(edits: readonly Edit[], read: (file: string) => Promise<string>): Promise<boolean> {
  for (const edit of edits) {
    const text = await read(edit.file).catch(() => undefined);
    if (text === undefined || text.includes(edit.search) || !text.includes(edit.replace)) return false;
  }
  return true;
}

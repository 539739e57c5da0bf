import { EditError, type FileChange, planEdits } from '../../patch/edits.ts';
import type { ModelAnswer, ModelSuggestion } from './answer.ts';

/** A model suggestion whose edits apply cleanly to the current project. */
export interface UsableSuggestion {
  suggestion: ModelSuggestion;
  changes: FileChange[];
}

export interface AnswerCheck {
  usable: UsableSuggestion[];
  /** One line per suggestion that cannot be used, meant for the model and the run's notes. */
  problems: string[];
}

/**
 * Applies each suggestion's edits in memory with the patch engine's own rules (exact, unique search
 * text; no test files; no path outside the project), keeping those that apply and change something.
 */
export async function checkAnswer(
  answer: ModelAnswer,
  read: (file: string) => Promise<string>,
  maxSuggestions: number,
  testFiles?: ReadonlySet<string>,
): Promise<AnswerCheck> {
  if (answer.suggestions.length === 0) return { usable: [], problems: ['the answer holds no suggestion'] };
  const usable: UsableSuggestion[] = [];
  const problems: string[] = [];
  for (const [index, suggestion] of answer.suggestions.slice(0, maxSuggestions).entries()) {
    const label = `suggestion ${index + 1}`;
    if (suggestion.edits.length === 0) {
      problems.push(`${label} has no edits`);
      continue;
    }
    try {
      const changes = await planEdits(suggestion.edits, read, testFiles);
      if (changes.length === 0) problems.push(`${label} changes nothing (every replace equals its search)`);
      else usable.push({ suggestion, changes });
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
      problems.push(`${label}: ${error.message}`);
    }
  }
  return { usable, problems };
}

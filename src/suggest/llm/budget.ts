/** What the model cost so far in this run. */
export interface ModelUsage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

/** Limits per run: a run never makes more calls, nor spends more tokens (input plus output), than this. */
export interface ModelBudget {
  maxCalls: number;
  maxTokens: number;
}

export const NO_USAGE: ModelUsage = { calls: 0, inputTokens: 0, outputTokens: 0 };

/** Rough token count of a prompt (about 4 characters a token for code and English). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function tokensUsed(usage: ModelUsage): number {
  return usage.inputTokens + usage.outputTokens;
}

/**
 * Why another call of about `promptTokens` input tokens may not be made, or undefined when it may.
 * The prompt's own size counts: a call that would overrun the budget is not started.
 */
export function budgetStop(usage: ModelUsage, budget: ModelBudget, promptTokens = 0): string | undefined {
  if (usage.calls >= budget.maxCalls) return `model budget spent: ${usage.calls} of ${budget.maxCalls} calls used`;
  const used = tokensUsed(usage);
  if (used + promptTokens >= budget.maxTokens) {
    return `model budget spent: ${used} of ${budget.maxTokens} tokens used${promptTokens > 0 ? `, the next prompt needs about ${promptTokens}` : ''}`;
  }
  return undefined;
}

/** Adds one call's token counts (providers may leave them out). */
export function addCall(
  usage: ModelUsage,
  tokens: { inputTokens?: number | undefined; outputTokens?: number | undefined } | undefined,
): ModelUsage {
  return {
    calls: usage.calls + 1,
    inputTokens: usage.inputTokens + (tokens?.inputTokens ?? 0),
    outputTokens: usage.outputTokens + (tokens?.outputTokens ?? 0),
  };
}

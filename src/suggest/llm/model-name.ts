import type { LanguageModel } from 'ai';

export const DEFAULT_MODEL_ID = 'gpt-4.1-mini';

/** A model as the user may name it: an AI SDK model, `gpt-4.1-mini`, or Mastra's `openai/gpt-4.1-mini`. */
export type ModelChoice = LanguageModel | string;

/** Where the model settings come from (process.env by default). */
export interface ModelEnvironment {
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  IMPROVE_MODEL?: string | undefined;
}

/** The model a run uses: the one given, else IMPROVE_MODEL, else the default. */
export function chosenModel(choice: ModelChoice | undefined, env: ModelEnvironment): ModelChoice {
  return choice ?? (env.IMPROVE_MODEL?.trim() || DEFAULT_MODEL_ID);
}

/** Thrown for a model name that names a provider we cannot create from a string. */
export class ModelConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelConfigError';
  }
}

/** `openai/gpt-4.1-mini` -> openai + gpt-4.1-mini; a bare id is an OpenAI model. */
export function parseModelName(name: string): { provider: string; modelId: string } {
  const trimmed = name.trim();
  const slash = trimmed.indexOf('/');
  const provider = slash < 0 ? 'openai' : trimmed.slice(0, slash);
  const modelId = slash < 0 ? trimmed : trimmed.slice(slash + 1);
  if (provider === '' || modelId === '') throw new ModelConfigError(`not a model name: "${name}"`);
  return { provider, modelId };
}

/** A readable name for reports: `openai/gpt-4.1-mini`, for a model object or a model name. */
export function modelLabel(model: ModelChoice): string {
  if (typeof model !== 'string') return `${model.provider.split('.')[0]}/${model.modelId}`;
  const { provider, modelId } = parseModelName(model);
  return `${provider}/${modelId}`;
}

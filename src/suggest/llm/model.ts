import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from 'ai';

export const DEFAULT_MODEL_ID = 'gpt-4.1-mini';

/** A model as the user may name it: an AI SDK model, `gpt-4.1-mini`, or Mastra's `openai/gpt-4.1-mini`. */
export type ModelChoice = LanguageModel | string;

export interface ModelEnvironment {
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  IMPROVE_MODEL?: string | undefined;
}

/** Thrown for a model name that names a provider we cannot create from a string. */
export class ModelConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelConfigError';
  }
}

/**
 * The language model to call. A string goes to OpenAI (or an OpenAI-compatible server at
 * OPENAI_BASE_URL) through the Responses API; any other provider is passed in as a model object.
 */
export function resolveModel(choice: ModelChoice | undefined, env: ModelEnvironment = process.env): LanguageModel {
  const picked = choice ?? (env.IMPROVE_MODEL?.trim() || DEFAULT_MODEL_ID);
  if (typeof picked !== 'string') return picked;
  const { provider, modelId } = parseModelName(picked);
  if (provider !== 'openai') {
    throw new ModelConfigError(
      `model provider "${provider}" cannot be named by a string here; pass an AI SDK model object (e.g. from @ai-sdk/${provider})`,
    );
  }
  const openai = createOpenAI({
    ...(env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY } : {}),
    ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
  });
  return openai(modelId);
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

/** A readable name for reports: `openai/gpt-4.1-mini`. */
export function modelLabel(model: LanguageModel): string {
  return typeof model === 'string' ? model : `${model.provider.split('.')[0]}/${model.modelId}`;
}

import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from 'ai';
import { chosenModel, type ModelChoice, ModelConfigError, type ModelEnvironment, parseModelName } from './model-name.ts';

/**
 * The language model to call. A string goes to OpenAI (or an OpenAI-compatible server at
 * OPENAI_BASE_URL) through the Responses API; any other provider is passed in as a model object.
 */
export function resolveModel(choice: ModelChoice | undefined, env: ModelEnvironment = process.env): LanguageModel {
  const picked = chosenModel(choice, env);
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

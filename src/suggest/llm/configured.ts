import type { ModelEnvironment } from './model-name.ts';

/** Whether a model is configured here (an API key or IMPROVE_MODEL): then `auto` prefers the model suggester. */
export function isModelConfigured(env: ModelEnvironment = process.env): boolean {
  return Boolean(env.OPENAI_API_KEY?.trim()) || Boolean(env.IMPROVE_MODEL?.trim());
}

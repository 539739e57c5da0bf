import { importOptional } from '../../contract/optional-package.ts';

/** What calling a model takes: the AI SDK and the model resolver (with its OpenAI provider). */
export interface ModelRuntime {
  ai: typeof import('ai');
  resolveModel: typeof import('./model.ts').resolveModel;
}

let loading: Promise<ModelRuntime> | undefined;

/**
 * Loads the AI SDK on first use: `ai` and `@ai-sdk/openai` are optional peer dependencies, needed
 * only by the model suggester; without them this is a one-line error naming what to install.
 */
export function loadModelRuntime(): Promise<ModelRuntime> {
  loading ??= importOptional('the model suggester', ['ai', '@ai-sdk/openai'], async () => ({
    ai: await import('ai'),
    resolveModel: (await import('./model.ts')).resolveModel,
  }));
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

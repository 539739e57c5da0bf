export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  factor: number;
  maxAttempts: number;
}

export type Sleep = (ms: number) => Promise<void>;

/** Delay before retry number `attempt` (0-based). */
export function delayFor(attempt: number, options: BackoffOptions): number {
  const { baseDelayMs, maxDelayMs, factor } = options;
  return Math.min(baseDelayMs, baseDelayMs * factor ** attempt);
}

/** Runs `task` until it succeeds or maxAttempts is used up; rethrows the last error. */
export async function retry<T>(task: (attempt: number) => Promise<T>, options: BackoffOptions, sleep: Sleep): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < options.maxAttempts; attempt++) {
    try {
      return await task(attempt);
    } catch (err) {
      lastError = err;
      if (attempt + 1 < options.maxAttempts) await sleep(delayFor(attempt, options));
    }
  }
  throw lastError;
}

/** Total time spent waiting if every attempt fails. */
export function worstCaseWaitMs(options: BackoffOptions): number {
  let total = 0;
  for (let attempt = 0; attempt + 1 < options.maxAttempts; attempt++) total += delayFor(attempt, options);
  return total;
}

export type StatusClass = 'informational' | 'success' | 'redirect' | 'client-error' | 'server-error';

export function statusClass(status: number): StatusClass {
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new RangeError(`invalid HTTP status: ${status}`);
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  if (status >= 300) return 'redirect';
  if (status >= 200) return 'success';
  return 'informational';
}

/** Whether a request that failed with `status` is worth retrying. */
export function isRetryable(status: number): boolean {
  return status === 408 || status === 429 || (status >= 400 && status !== 501);
}

/** Retry-After is either seconds or an HTTP date; returns milliseconds to wait. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function describeStatus(status: number): string {
  const retry = isRetryable(status) ? ', retryable' : '';
  return `${status} (${statusClass(status)}${retry})`;
}

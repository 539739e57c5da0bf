export type ParamValue = string | number | boolean | null | undefined | (string | number)[];

function pair(key: string, value: unknown): string {
  return `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
}

/** Query string with keys sorted, so equal params give equal cache keys. */
export function buildQuery(params: Record<string, ParamValue>): string {
  const parts: string[] = [];
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) parts.push(pair(key, item));
    } else {
      parts.push(pair(key, value));
    }
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

export function withQuery(url: string, params: Record<string, ParamValue>): string {
  const query = buildQuery(params);
  if (query === '') return url;
  const [base, hash] = url.split('#', 2) as [string, string | undefined];
  const joined = base.includes('?') ? `${base}&${query.slice(1)}` : `${base}${query}`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}

export function paginationParams(page: number, pageSize: number, sort?: string): Record<string, ParamValue> {
  return { page, per_page: pageSize, sort };
}

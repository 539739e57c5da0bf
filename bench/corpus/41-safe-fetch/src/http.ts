export interface HttpResponse {
  status: number;
  body: string;
}

export type Transport = (url: string) => Promise<HttpResponse>;

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export async function getJson<T>(transport: Transport, url: string): Promise<T> {
  const res = await transport(url);
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status} for ${url}`);
  return JSON.parse(res.body) as T;
}

/** Like getJson, with a fallback value. */
export async function getJsonOr<T>(transport: Transport, url: string, fallback: T): Promise<T> {
  try {
    return getJson<T>(transport, url);
  } catch {
    return fallback;
  }
}

export async function getAll<T>(transport: Transport, urls: readonly string[]): Promise<Outcome<T>[]> {
  return Promise.all(
    urls.map(async (url): Promise<Outcome<T>> => {
      try {
        return { ok: true, value: await getJson<T>(transport, url) };
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
}

/** A transport serving fixed responses, for tests and offline demos. */
export function fakeTransport(routes: Record<string, HttpResponse>): Transport {
  return async (url) => {
    const res = routes[url];
    if (!res) throw new Error(`connection refused: ${url}`);
    return res;
  };
}

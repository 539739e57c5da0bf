export type Load<V> = (key: string) => Promise<V>;

/** Caches loaded values for `ttlMs`. */
export class CachedLoader<V> {
  private readonly values = new Map<string, { value: V; at: number }>();
  private readonly pending = new Map<string, Promise<V>>();
  private readonly load: Load<V>;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(load: Load<V>, ttlMs: number, now: () => number = Date.now) {
    this.load = load;
    this.ttlMs = ttlMs;
    this.now = now;
  }

  async get(key: string): Promise<V> {
    const cached = this.values.get(key);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.value;
    const inFlight = this.pending.get(key);
    const promise = this.load(key).then(
      (value) => {
        this.values.set(key, { value, at: this.now() });
        this.pending.delete(key);
        return value;
      },
      (err: unknown) => {
        this.pending.delete(key);
        throw err;
      },
    );
    this.pending.set(key, promise);
    return promise;
  }

  invalidate(key: string): void {
    this.values.delete(key);
  }

  size(): number {
    return this.values.size;
  }
}

export async function getMany<V>(loader: CachedLoader<V>, keys: readonly string[]): Promise<V[]> {
  return Promise.all(keys.map((key) => loader.get(key)));
}

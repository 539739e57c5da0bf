/**
 * Remembers the results of async work by key, most recent `capacity` keys. A pending result is
 * shared by everyone who asks for it meanwhile; a failure is not remembered, so the next ask
 * tries again.
 */
export interface Memo<T> {
  get(key: string, compute: () => Promise<T> | T): Promise<T>;
}

export function createMemo<T>(capacity: number): Memo<T> {
  const entries = new Map<string, Promise<T>>();
  return {
    get(key, compute) {
      const known = entries.get(key);
      if (known) {
        // Map order is insertion order: moving the key to the end makes eviction least-recently-used.
        entries.delete(key);
        entries.set(key, known);
        return known;
      }
      const result = Promise.resolve().then(compute);
      entries.set(key, result);
      result.catch(() => {
        if (entries.get(key) === result) entries.delete(key);
      });
      while (entries.size > capacity) entries.delete(entries.keys().next().value as string);
      return result;
    },
  };
}

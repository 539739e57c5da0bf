import { describe, expect, it } from 'vitest';
import { CachedLoader, getMany } from '../src/loader.ts';

describe('CachedLoader (held out)', () => {
  it('loads each distinct key once in a concurrent batch', async () => {
    const calls: string[] = [];
    const loader = new CachedLoader(async (key: string) => {
      calls.push(key);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return key.toUpperCase();
    }, 10_000);
    expect(await getMany(loader, ['a', 'b', 'a', 'c', 'b', 'a'])).toEqual(['A', 'B', 'A', 'C', 'B', 'A']);
    expect(calls.sort()).toEqual(['a', 'b', 'c']);
    expect(loader.size()).toBe(3);
  });

  it('concurrent readers of a failing load all see the failure, from one call', async () => {
    let calls = 0;
    const loader = new CachedLoader(async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error('boom');
    }, 1_000);
    const results = await Promise.allSettled([loader.get('k'), loader.get('k'), loader.get('k')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(calls).toBe(1);
  });

  it('a new load starts once the shared one has finished and expired', async () => {
    let clock = 0;
    let calls = 0;
    const loader = new CachedLoader(async () => ++calls, 100, () => clock);
    expect(await Promise.all([loader.get('k'), loader.get('k')])).toEqual([1, 1]);
    clock = 500;
    expect(await loader.get('k')).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { CachedLoader, getMany } from '../src/loader.ts';

function counting() {
  const calls: string[] = [];
  const load = async (key: string) => {
    calls.push(key);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return `value:${key}`;
  };
  return { calls, load };
}

describe('CachedLoader', () => {
  it('loads a value', async () => {
    const { load } = counting();
    expect(await new CachedLoader(load, 1_000).get('a')).toBe('value:a');
  });

  it('serves repeated reads from the cache', async () => {
    const { calls, load } = counting();
    const loader = new CachedLoader(load, 1_000);
    await loader.get('a');
    await loader.get('a');
    expect(calls).toEqual(['a']);
  });

  it('reloads after the ttl', async () => {
    let clock = 0;
    const { calls, load } = counting();
    const loader = new CachedLoader(load, 1_000, () => clock);
    await loader.get('a');
    clock = 1_000;
    await loader.get('a');
    expect(calls).toEqual(['a', 'a']);
  });

  it('shares one load between concurrent reads', async () => {
    const { calls, load } = counting();
    const loader = new CachedLoader(load, 1_000);
    const values = await Promise.all([loader.get('a'), loader.get('a')]);
    expect(values).toEqual(['value:a', 'value:a']);
    expect(calls).toEqual(['a']);
  });

  it('does not cache failures', async () => {
    let fail = true;
    const loader = new CachedLoader(async (key) => {
      if (fail) throw new Error('down');
      return key;
    }, 1_000);
    await expect(loader.get('a')).rejects.toThrow('down');
    fail = false;
    expect(await loader.get('a')).toBe('a');
  });

  it('invalidates a key', async () => {
    const { calls, load } = counting();
    const loader = new CachedLoader(load, 1_000);
    await loader.get('a');
    loader.invalidate('a');
    await loader.get('a');
    expect(calls).toEqual(['a', 'a']);
  });
});

import { describe, expect, it } from 'vitest';
import { AccountStore, runTransfers, totalBalance } from '../src/accounts.js';

describe('transfers (held out)', () => {
  it('conserves money over a series of transfers', async () => {
    const store = new AccountStore({ a: 100, b: 0, c: 0 });
    const count = await runTransfers(store, [
      { from: 'a', to: 'b', amount: 40 },
      { from: 'b', to: 'c', amount: 15 },
      { from: 'a', to: 'c', amount: 60 },
    ]);
    expect(count).toBe(3);
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual([0, 25, 75]);
    expect(await totalBalance(store, ['a', 'b', 'c'])).toBe(100);
  });

  it('stops at the first failing transfer', async () => {
    const store = new AccountStore({ a: 10, b: 0 });
    await expect(
      runTransfers(store, [
        { from: 'a', to: 'b', amount: 10 },
        { from: 'a', to: 'b', amount: 1 },
      ]),
    ).rejects.toThrow('insufficient funds');
    expect(await store.get('b')).toBe(10);
  });

  it('leaves the source untouched when the target does not exist', async () => {
    const store = new AccountStore({ a: 10 });
    await expect(runTransfers(store, [{ from: 'a', to: 'ghost', amount: 5 }])).rejects.toThrow('no such account: ghost');
    expect(await store.get('a')).toBe(10);
  });
});

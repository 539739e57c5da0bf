import { describe, expect, it } from 'vitest';
import { AccountStore, totalBalance, transfer } from '../src/accounts.js';

describe('transfers', () => {
  it('sums balances', async () => {
    const store = new AccountStore({ a: 100, b: 50 });
    expect(await totalBalance(store, ['a', 'b'])).toBe(150);
  });

  it('rejects non-positive amounts', async () => {
    await expect(transfer(new AccountStore({ a: 1, b: 1 }), 'a', 'b', 0)).rejects.toThrow('amount must be positive');
  });

  it('rejects transfers to the same account', async () => {
    await expect(transfer(new AccountStore({ a: 1 }), 'a', 'a', 1)).rejects.toThrow('same account');
  });

  it('rejects overdrafts', async () => {
    await expect(transfer(new AccountStore({ a: 10, b: 0 }), 'a', 'b', 11)).rejects.toThrow('insufficient funds');
  });

  it('moves money between accounts', async () => {
    const store = new AccountStore({ a: 100, b: 50 });
    await transfer(store, 'a', 'b', 30);
    expect([await store.get('a'), await store.get('b')]).toEqual([70, 80]);
  });

  it('returns the new balances', async () => {
    expect(await transfer(new AccountStore({ a: 5, b: 5 }), 'a', 'b', 5)).toEqual({ a: 0, b: 10 });
  });
});

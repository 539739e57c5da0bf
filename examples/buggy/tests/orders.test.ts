import { describe, expect, it } from 'vitest';
import { averageOrderValue, lifetimeSpend, type Order, orderHistory } from '../src/orders.ts';

const orders: Order[] = [
  { id: 'o1', placedAt: new Date('2026-01-05'), total: 2000, status: 'shipped' },
  { id: 'o2', placedAt: new Date('2026-02-10'), total: 3500, status: 'cancelled' },
  { id: 'o3', placedAt: new Date('2026-02-20'), total: 1000, status: 'pending' },
];

describe('order history', () => {
  it('lists newest first without cancelled orders', () => {
    expect(orderHistory(orders).map((o) => o.id)).toEqual(['o3', 'o1']);
  });

  it('includes cancelled orders when asked', () => {
    expect(orderHistory(orders, { includeCancelled: true }).map((o) => o.id)).toEqual(['o3', 'o2', 'o1']);
  });
});

describe('spend', () => {
  it('sums orders that were not cancelled', () => {
    expect(lifetimeSpend(orders)).toBe(3000);
  });

  it('averages over orders that were not cancelled', () => {
    expect(averageOrderValue(orders)).toBe(1500);
  });

  it('is zero without orders', () => {
    expect(averageOrderValue([])).toBe(0);
  });
});

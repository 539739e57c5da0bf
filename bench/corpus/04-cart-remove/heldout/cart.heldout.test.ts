import { describe, expect, it } from 'vitest';
import { Cart } from '../src/cart.ts';

const lines = [
  { sku: 'A', name: 'a', unitCents: 100, qty: 1 },
  { sku: 'B', name: 'b', unitCents: 200, qty: 2 },
  { sku: 'C', name: 'c', unitCents: 300, qty: 3 },
];

function filled(): Cart {
  const cart = new Cart();
  for (const line of lines) cart.add(line);
  return cart;
}

describe('Cart removal (held out)', () => {
  it('removing an unknown sku keeps everything', () => {
    const cart = filled();
    cart.remove('Z');
    expect(cart.items().map((l) => l.sku)).toEqual(['A', 'B', 'C']);
    expect(cart.totalCents()).toBe(1400);
  });

  it('removing every sku empties the cart', () => {
    const cart = filled();
    for (const line of lines) cart.remove(line.sku);
    expect(cart.items()).toEqual([]);
    expect(cart.count()).toBe(0);
  });

  it('negative quantities remove the line too', () => {
    const cart = filled();
    cart.setQty('A', -1);
    expect(cart.items().map((l) => l.sku)).toEqual(['B', 'C']);
  });

  it('does not share line objects with the caller', () => {
    const line = { sku: 'Q', name: 'q', unitCents: 10, qty: 1 };
    const cart = new Cart();
    cart.add(line);
    cart.add(line);
    expect(line.qty).toBe(1);
    expect(cart.count()).toBe(2);
  });
});

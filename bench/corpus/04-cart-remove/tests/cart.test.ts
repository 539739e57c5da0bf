import { describe, expect, it } from 'vitest';
import { Cart } from '../src/cart.ts';

const apple = { sku: 'APL', name: 'Apple', unitCents: 50, qty: 1 };
const bread = { sku: 'BRD', name: 'Bread', unitCents: 250, qty: 1 };
const milk = { sku: 'MLK', name: 'Milk', unitCents: 120, qty: 2 };

function filled(): Cart {
  const cart = new Cart();
  cart.add(apple);
  cart.add(bread);
  cart.add(milk);
  return cart;
}

describe('Cart', () => {
  it('merges quantities of the same sku', () => {
    const cart = new Cart();
    cart.add(apple);
    cart.add({ ...apple, qty: 3 });
    expect(cart.items()).toHaveLength(1);
    expect(cart.count()).toBe(4);
  });

  it('totals line prices', () => {
    expect(filled().totalCents()).toBe(50 + 250 + 240);
  });

  it('removes only the given sku', () => {
    const cart = filled();
    cart.remove('BRD');
    expect(cart.items().map((l) => l.sku)).toEqual(['APL', 'MLK']);
  });

  it('updates a quantity', () => {
    const cart = filled();
    cart.setQty('APL', 6);
    expect(cart.count()).toBe(6 + 1 + 2);
  });

  it('drops a line when its quantity is set to zero', () => {
    const cart = filled();
    cart.setQty('MLK', 0);
    expect(cart.totalCents()).toBe(300);
  });

  it('rejects non-positive quantities on add', () => {
    expect(() => new Cart().add({ ...apple, qty: 0 })).toThrow(RangeError);
  });
});

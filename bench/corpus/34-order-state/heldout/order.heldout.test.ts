import { describe, expect, it } from 'vitest';
import { Order, replay } from '../src/order.ts';
import type { OrderEvent } from '../src/order.ts';

describe('order state machine (held out)', () => {
  it('isFinal exactly when no event is available', () => {
    const paths: OrderEvent[][] = [[], ['place'], ['cancel'], ['place', 'pay'], ['place', 'pay', 'cancel'], ['place', 'pay', 'ship'], ['place', 'pay', 'ship', 'deliver']];
    for (const events of paths) {
      const order = replay(events);
      expect(order.isFinal()).toBe(order.available().length === 0);
    }
  });

  it('a fresh order is not final', () => {
    expect(new Order().isFinal()).toBe(false);
  });

  it('cancelling from the cart is final too', () => {
    const order = replay(['cancel']);
    expect([order.state, order.isFinal(), order.refundDue()]).toEqual(['cancelled', true, false]);
  });

  it('keeps a log of transitions', () => {
    expect(replay(['place', 'pay', 'cancel']).log).toEqual(['cart -> placed', 'placed -> paid', 'paid -> cancelled']);
  });
});

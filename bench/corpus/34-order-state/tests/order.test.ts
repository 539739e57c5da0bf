import { describe, expect, it } from 'vitest';
import { canApply, nextState, replay } from '../src/order.ts';

describe('order state machine', () => {
  it('walks the happy path', () => {
    expect(replay(['place', 'pay', 'ship', 'deliver']).state).toBe('delivered');
  });

  it('rejects events out of order', () => {
    expect(() => nextState('cart', 'ship')).toThrow('cannot ship an order that is cart');
  });

  it('allows cancelling before shipping only', () => {
    expect([canApply('paid', 'cancel'), canApply('shipped', 'cancel')]).toEqual([true, false]);
  });

  it('a delivered order is final', () => {
    expect(replay(['place', 'pay', 'ship', 'deliver']).isFinal()).toBe(true);
  });

  it('a cancelled order is final', () => {
    expect(replay(['place', 'cancel']).isFinal()).toBe(true);
  });

  it('an order in progress is not final', () => {
    expect(replay(['place', 'pay']).isFinal()).toBe(false);
  });

  it('refunds paid orders that were cancelled', () => {
    expect(replay(['place', 'pay', 'cancel']).refundDue()).toBe(true);
    expect(replay(['place', 'cancel']).refundDue()).toBe(false);
  });
});

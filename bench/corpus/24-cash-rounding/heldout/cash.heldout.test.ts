import { describe, expect, it } from 'vitest';
import { cashTotal, changeDue, roundToStep } from '../src/cash.ts';

describe('cash rounding (held out)', () => {
  it('rounds every remainder to the nearest nickel', () => {
    expect([100, 101, 102, 103, 104, 105].map((c) => roundToStep(c, 5))).toEqual([100, 100, 100, 105, 105, 105]);
    expect([97, 98].map((c) => roundToStep(c, 5))).toEqual([95, 100]);
  });

  it('rounds halves up with a step of 10', () => {
    expect([14, 15, 16].map((c) => roundToStep(c, 10))).toEqual([10, 20, 20]);
  });

  it('never moves a total by more than half a step', () => {
    for (let cents = 0; cents < 300; cents++) {
      expect(Math.abs(cashTotal([cents]).rounding)).toBeLessThanOrEqual(2);
    }
  });

  it('gives change for a rounded receipt', () => {
    const { payable } = cashTotal([99, 99, 99]);
    expect(payable).toBe(295);
    expect([...changeDue(300, payable, [5, 10])]).toEqual([[5, 1]]);
  });
});

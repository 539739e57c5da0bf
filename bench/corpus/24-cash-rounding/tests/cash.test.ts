import { describe, expect, it } from 'vitest';
import { cashTotal, changeDue, roundToStep } from '../src/cash.ts';

const coins = [5, 10, 20, 50, 100, 200];

describe('cash rounding', () => {
  it('keeps exact multiples', () => {
    expect(roundToStep(120, 5)).toBe(120);
  });

  it('rounds 1 and 2 down', () => {
    expect(roundToStep(102, 5)).toBe(100);
  });

  it('rounds 3 and 4 up', () => {
    expect(roundToStep(103, 5)).toBe(105);
  });

  it('rejects a zero step', () => {
    expect(() => roundToStep(100, 0)).toThrow(RangeError);
  });

  it('reports the rounding of a receipt', () => {
    expect(cashTotal([199, 250, 99])).toEqual({ exact: 548, payable: 550, rounding: 2 });
  });

  it('gives change with the largest coins first', () => {
    expect([...changeDue(500, 315, coins)]).toEqual([[100, 1], [50, 1], [20, 1], [10, 1], [5, 1]]);
  });

  it('refuses an insufficient payment', () => {
    expect(() => changeDue(100, 150, coins)).toThrow('insufficient payment');
  });
});

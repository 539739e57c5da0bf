import { describe, expect, it } from 'vitest';
import { identity, multiply, power, shape, transpose } from '../src/matrix.ts';

describe('matrix', () => {
  it('reports its shape', () => {
    expect(shape([[1, 2, 3], [4, 5, 6]])).toEqual([2, 3]);
  });

  it('builds an identity', () => {
    expect(identity(2)).toEqual([[1, 0], [0, 1]]);
  });

  it('transposes', () => {
    expect(transpose([[1, 2, 3], [4, 5, 6]])).toEqual([[1, 4], [2, 5], [3, 6]]);
  });

  it('rejects mismatched shapes', () => {
    expect(() => multiply([[1, 2]], [[1, 2]])).toThrow(RangeError);
  });

  it('multiplies 2x2 matrices', () => {
    expect(multiply([[1, 2], [3, 4]], [[5, 6], [7, 8]])).toEqual([[19, 22], [43, 50]]);
  });

  it('raises to the power 0', () => {
    expect(power([[2, 3], [4, 5]], 0)).toEqual(identity(2));
  });
});

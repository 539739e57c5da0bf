import { describe, expect, it } from 'vitest';
import { fibonacci, identity, multiply, power, transpose } from '../src/matrix.ts';

const a = [[1, 2, 3], [4, 5, 6]];
const b = [[7, 8], [9, 10], [11, 12]];

describe('matrix (held out)', () => {
  it('multiplies non-square matrices', () => {
    expect(multiply(a, b)).toEqual([[58, 64], [139, 154]]);
    expect(multiply(b, a)).toEqual([[39, 54, 69], [49, 68, 87], [59, 82, 105]]);
  });

  it('the identity is neutral', () => {
    expect(multiply(identity(2), a)).toEqual(a);
    expect(multiply(a, identity(3))).toEqual(a);
  });

  it('(AB)^T = B^T A^T', () => {
    expect(transpose(multiply(a, b))).toEqual(multiply(transpose(b), transpose(a)));
  });

  it('computes powers and Fibonacci numbers', () => {
    expect(power([[1, 1], [0, 1]], 5)).toEqual([[1, 5], [0, 1]]);
    expect([1, 2, 3, 10, 20].map(fibonacci)).toEqual([1, 1, 2, 55, 6765]);
  });
});

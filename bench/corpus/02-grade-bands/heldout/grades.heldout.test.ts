import { describe, expect, it } from 'vitest';
import { distribution, gpa, letterGrade } from '../src/grades.ts';

describe('letterGrade boundaries (held out)', () => {
  it.each([
    [100, 'A'], [90, 'A'], [89.99, 'B'], [80, 'B'], [79.99, 'C'], [79.5, 'C'],
    [70, 'C'], [69.9, 'D'], [60, 'D'], [59.9, 'F'], [0, 'F'],
  ])('%s -> %s', (score, letter) => {
    expect(letterGrade(score)).toBe(letter);
  });

  it('rejects NaN', () => {
    expect(() => letterGrade(Number.NaN)).toThrow(RangeError);
  });

  it('summarizes a class with boundary scores', () => {
    const scores = [90, 80, 80, 70, 60, 50];
    expect(distribution(scores)).toEqual({ A: 1, B: 2, C: 1, D: 1, F: 1 });
    expect(gpa(scores)).toBe(2.17);
  });
});

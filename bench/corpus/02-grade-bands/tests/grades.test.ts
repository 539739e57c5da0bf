import { describe, expect, it } from 'vitest';
import { distribution, gpa, letterGrade, percentage } from '../src/grades.ts';

describe('letterGrade', () => {
  it('gives A from 90', () => {
    expect(letterGrade(95)).toBe('A');
    expect(letterGrade(90)).toBe('A');
  });

  it('gives B in the eighties', () => {
    expect(letterGrade(85)).toBe('B');
  });

  it('gives B for exactly 80', () => {
    expect(letterGrade(80)).toBe('B');
  });

  it('gives C, D and F below', () => {
    expect([72, 65, 59].map(letterGrade)).toEqual(['C', 'D', 'F']);
  });

  it('rejects scores outside 0-100', () => {
    expect(() => letterGrade(101)).toThrow(RangeError);
    expect(() => letterGrade(-1)).toThrow(RangeError);
  });
});

describe('percentage and summaries', () => {
  it('computes a percentage with one decimal', () => {
    expect(percentage(45, 50)).toBe(90);
    expect(percentage(2, 3)).toBe(66.7);
  });

  it('counts letters', () => {
    expect(distribution([95, 91, 55, 75])).toEqual({ A: 2, B: 0, C: 1, D: 0, F: 1 });
  });

  it('averages grade points', () => {
    expect(gpa([95, 75])).toBe(3);
    expect(gpa([])).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { ochiaiScores } from '../../../src/suggest/repair/localize/spectrum.ts';

describe('ochiaiScores', () => {
  it('ranks lines by failed(s) / sqrt(totalFailed * (failed(s) + passed(s)))', () => {
    const scores = ochiaiScores([
      { testId: 't1', passed: false, lines: { 'src/a.ts': [1, 2, 3] } },
      { testId: 't2', passed: true, lines: { 'src/a.ts': [1, 2] } },
      { testId: 't3', passed: false, lines: { 'src/a.ts': [1, 4], 'src/b.ts': [7] } },
    ]);
    const a = scores.get('src/a.ts')!;
    expect(a.get(1)).toBeCloseTo(2 / Math.sqrt(6)); // 0.816: both failures ran it, one pass too
    expect(a.get(2)).toBeCloseTo(0.5); // 1 / sqrt(2 * 2)
    expect(a.get(3)).toBeCloseTo(1 / Math.sqrt(2)); // 0.707: one failure only
    expect(a.get(4)).toBeCloseTo(1 / Math.sqrt(2));
    expect(scores.get('src/b.ts')!.get(7)).toBeCloseTo(1 / Math.sqrt(2));
  });

  it('leaves out lines only passing tests ran, and everything when nothing failed', () => {
    const scores = ochiaiScores([
      { testId: 't1', passed: false, lines: { 'src/a.ts': [1] } },
      { testId: 't2', passed: true, lines: { 'src/a.ts': [1, 9], 'src/c.ts': [1] } },
    ]);
    expect([...scores.get('src/a.ts')!.keys()]).toEqual([1]);
    expect(scores.has('src/c.ts')).toBe(false);
    expect(ochiaiScores([{ testId: 't', passed: true, lines: { 'src/a.ts': [1] } }]).size).toBe(0);
  });

  it('counts a line listed twice by one test once', () => {
    const scores = ochiaiScores([
      { testId: 't1', passed: false, lines: { 'src/a.ts': [3, 3] } },
      { testId: 't2', passed: true, lines: { 'src/a.ts': [3] } },
    ]);
    expect(scores.get('src/a.ts')!.get(3)).toBeCloseTo(1 / Math.sqrt(2));
  });
});

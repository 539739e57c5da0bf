import { describe, expect, it } from 'vitest';
import { frameScores } from '../../../src/suggest/repair/localize/frames.ts';
import { reportOf } from './report.ts';

describe('frameScores', () => {
  it('scores the innermost project frame 1 and each outer one 0.7 of the previous, skipping test files', () => {
    const report = reportOf([
      {
        file: 'tests/cart.test.ts',
        name: 'totals',
        failed: {
          frames: [
            { file: 'src/money.ts', line: 12 },
            { file: 'src/cart.ts', line: 40 },
            { file: 'tests/helpers/build.ts', line: 3 },
            { file: 'src/index.ts', line: 5 },
            { file: 'tests/cart.test.ts', line: 8 },
          ],
        },
      },
    ]);
    const scores = frameScores(report);
    expect(scores.get('src/money.ts')!.get(12)).toBe(1);
    expect(scores.get('src/cart.ts')!.get(40)).toBeCloseTo(0.7);
    expect(scores.get('src/index.ts')!.get(5)).toBeCloseTo(0.49);
    expect(scores.has('tests/helpers/build.ts')).toBe(false);
    expect(scores.has('tests/cart.test.ts')).toBe(false);
  });

  it('keeps the best score of a line over several failures and ignores flaky and passing tests', () => {
    const report = reportOf([
      {
        file: 't.test.ts',
        name: 'a',
        failed: {
          frames: [
            { file: 'src/x.ts', line: 1 },
            { file: 'src/y.ts', line: 2 },
          ],
        },
      },
      { file: 't.test.ts', name: 'b', failed: { frames: [{ file: 'src/y.ts', line: 2 }] } },
      { file: 't.test.ts', name: 'c', flaky: true, failed: { frames: [{ file: 'src/z.ts', line: 3 }] } },
      { file: 't.test.ts', name: 'd' },
    ]);
    const scores = frameScores(report);
    expect(scores.get('src/y.ts')!.get(2)).toBe(1);
    expect(scores.has('src/z.ts')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { localizeFaults } from '../../../src/suggest/repair/localize/localize.ts';
import { reportOf } from './report.ts';

const pricing = [
  'export function total(items: Array<{ price: number; qty: number }>) {', // 1
  '  let sum = 0;', // 2
  '  for (const item of items) {', // 3
  '    sum += item.price * item.qty;', // 4
  '  }', // 5
  '  return applyDiscount(sum, 0.1);', // 6
  '}', // 7
  '', // 8
  'function applyDiscount(amount: number, rate: number) {', // 9
  '  if (amount > 100) return amount * (1 + rate);', // 10
  '  return amount;', // 11
  '}', // 12
  '',
].join('\n');

const testFile = [
  "import { expect, it } from 'vitest';",
  "import { total } from '../src/pricing.ts';",
  "it('discounts big orders', () => {",
  '  const items = [{ price: 200, qty: 1 }];',
  '  expect(total(items)).toBe(180);',
  '});',
  '',
].join('\n');

const files = new Map([
  ['src/pricing.ts', pricing],
  ['tests/pricing.test.ts', testFile],
]);

describe('localizeFaults', () => {
  it('maps Ochiai lines to statements; a line starting two statements points at both', () => {
    const locations = localizeFaults({
      files,
      coverage: [
        { testId: 'big', passed: false, lines: { 'src/pricing.ts': [1, 2, 3, 4, 5, 6, 9, 10], 'tests/pricing.test.ts': [4, 5] } },
        { testId: 'small', passed: true, lines: { 'src/pricing.ts': [1, 2, 3, 4, 5, 6, 9, 10, 11] } },
        { testId: 'big2', passed: false, lines: { 'src/pricing.ts': [1, 2, 3, 4, 5, 6, 9, 10] } },
      ],
    });
    const top = locations.filter((l) => l.score === locations[0]!.score);
    // Every line both failures ran and the passing test ran too: 2 / sqrt(2 * 3).
    expect(locations[0]!.score).toBeCloseTo(2 / Math.sqrt(6));
    expect(top.map((l) => pricing.slice(l.start, l.end).split('\n')[0])).toEqual([
      'export function total(items: Array<{ price: number; qty: number }>) {',
      'let sum = 0;',
      'for (const item of items) {',
      'sum += item.price * item.qty;',
      'return applyDiscount(sum, 0.1);',
      'function applyDiscount(amount: number, rate: number) {',
      'if (amount > 100) return amount * (1 + rate);',
      'return amount * (1 + rate);',
    ]);
    expect(locations.every((l) => l.file === 'src/pricing.ts')).toBe(true);
    expect(locations.find((l) => l.line === 11)).toBeUndefined();
  });

  it('combines stack frames and coverage as a noisy-or and orders by score', () => {
    const report = reportOf([
      {
        file: 'tests/pricing.test.ts',
        name: 'big',
        failed: {
          frames: [
            { file: 'src/pricing.ts', line: 10 },
            { file: 'tests/pricing.test.ts', line: 5 },
          ],
        },
      },
    ]);
    const locations = localizeFaults({
      files,
      report,
      coverage: [
        { testId: 'big', passed: false, lines: { 'src/pricing.ts': [6, 10] } },
        { testId: 'small', passed: true, lines: { 'src/pricing.ts': [6, 10] } },
      ],
    });
    const ochiai = 1 / Math.sqrt(2);
    expect(locations[0]).toMatchObject({ file: 'src/pricing.ts', line: 10, evidence: { frame: 1, ochiai } });
    expect(locations[0]!.score).toBe(1);
    const line6 = locations.find((l) => l.line === 6)!;
    expect(line6.score).toBeCloseTo(ochiai);
  });

  it('without coverage, scores the functions a failing test calls (statically), the called line higher', () => {
    const report = reportOf([
      { file: 'tests/pricing.test.ts', name: 'discounts big orders', failed: { frames: [{ file: 'tests/pricing.test.ts', line: 5 }] } },
    ]);
    const locations = localizeFaults({ files, report });
    expect(locations.length).toBeGreaterThan(0);
    expect(new Set(locations.map((l) => l.score))).toEqual(new Set([0.5]));
    expect(locations.map((l) => l.line)).toEqual([1, 2, 3, 4, 6]);
    expect(locations.every((l) => l.evidence.testCall === 0.5)).toBe(true);
  });

  it('never points into test files, even when only they are covered or in the stack', () => {
    const report = reportOf([
      { file: 'tests/pricing.test.ts', name: 'x', failed: { frames: [{ file: 'tests/pricing.test.ts', line: 4 }] } },
    ]);
    const locations = localizeFaults({
      files,
      report,
      coverage: [{ testId: 'x', passed: false, lines: { 'tests/pricing.test.ts': [3, 4, 5] } }],
    });
    expect(locations).toEqual([]);
  });

  it('skips lines with no code of their own and files it was not given', () => {
    const locations = localizeFaults({
      files,
      coverage: [{ testId: 'x', passed: false, lines: { 'src/pricing.ts': [5, 7, 8], 'src/missing.ts': [1] } }],
    });
    expect(locations).toEqual([]);
  });
});

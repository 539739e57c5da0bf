import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/contract/finding.ts';
import { buildPrompt, codeWindows, formatWindow, retryPrompt } from '../../src/suggest/llm/prompt.ts';
import type { TestCaseResult } from '../../src/testing/report.ts';

const finding: Finding = {
  id: 'failure:tests/cart.test.ts > totals > taxes the discounted amount',
  category: 'failure',
  priority: 'high',
  message: 'totals > taxes the discounted amount: expected 90 to be 81',
  location: { file: 'src/cart.ts', line: 3 },
  tests: ['tests/cart.test.ts > totals > taxes the discounted amount'],
  evidence: 'expected 81, got 90',
};

const failingTest: TestCaseResult = {
  id: 'tests/cart.test.ts > totals > taxes the discounted amount',
  file: 'tests/cart.test.ts',
  namePath: ['totals', 'taxes the discounted amount'],
  status: 'failed',
  durationMs: 2,
  failure: {
    message: 'AssertionError: expected 90 to be 81',
    expected: '81',
    actual: '90',
    frames: [
      { file: 'src/cart.ts', line: 3, fn: 'totals' },
      { file: 'tests/cart.test.ts', line: 12 },
    ],
  },
};

const source = [
  'export function totals(gross: number, goods: number, rate: number) {',
  '  const discount = gross - goods;',
  '  const tax = gross * rate;',
  '  return goods + tax;',
  '}',
].join('\n');

describe('buildPrompt', () => {
  it('carries the finding, the numbered code, and the failing test with expected and actual', () => {
    const { system, prompt } = buildPrompt({
      finding,
      code: codeWindows('src/cart.ts', source, [3], 1),
      failingTests: [failingTest],
      rejected: [],
      maxSuggestions: 2,
    });
    expect(system).toContain('Never edit, add or delete tests');
    expect(prompt).toContain('failure, high priority: totals > taxes the discounted amount');
    expect(prompt).toContain('Location: src/cart.ts:3');
    expect(prompt).toContain(
      'src/cart.ts (lines 2-4):\n```\n2 |   const discount = gross - goods;\n3 |   const tax = gross * rate;\n4 |   return goods + tax;\n```',
    );
    expect(prompt).toContain('Error: AssertionError: expected 90 to be 81\n  Expected: 81\n  Actual: 90\n  at totals src/cart.ts:3');
    expect(prompt).toContain('Propose up to 2 alternative changes');
    expect(prompt).toContain('the failing tests pass and every other test still passes');
    expect(prompt).not.toContain('Rejected attempts');
  });

  it('lists the rejected attempts with why each failed, latest six only', () => {
    const rejected = Array.from({ length: 8 }, (_, i) => ({
      suggestion: {
        id: `llm-${i}`,
        source: 'llm',
        category: 'failure' as const,
        priority: 'high' as const,
        rationale: `attempt number ${i}`,
        edits: [{ file: 'src/cart.ts', search: 'gross * rate', replace: `gross * rate * ${i}` }],
      },
      reason: `the failing tests still fail (${i})`,
    }));
    const { prompt } = buildPrompt({ finding, code: [], failingTests: [], rejected, maxSuggestions: 1 });
    expect(prompt).toContain('## Rejected attempts (do not repeat them)');
    expect(prompt).not.toContain('attempt number 1\n');
    expect(prompt).toContain(
      '1. attempt number 2\n   Rejected because: the failing tests still fail (2)\n   In src/cart.ts replace:\n     gross * rate\n   with:\n     gross * rate * 2',
    );
    expect(prompt).toContain('6. attempt number 7');
  });

  it('asks for changes that keep every test passing when the finding is not a failure', () => {
    const { prompt } = buildPrompt({
      finding: { ...finding, category: 'performance', priority: 'medium', tests: [] },
      code: [],
      failingTests: [],
      rejected: [],
      maxSuggestions: 1,
    });
    expect(prompt).toContain('accepted when every test still passes afterwards');
    expect(prompt).not.toContain('## Failing tests');
  });
});

describe('codeWindows', () => {
  const text = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n');

  it('merges nearby points into one window and keeps far ones apart', () => {
    const windows = codeWindows('a.ts', text, [10, 13, 35], 2);
    expect(windows.map((w) => [w.from, w.lines.length])).toEqual([
      [8, 8],
      [33, 5],
    ]);
  });

  it('clips at the file ends and shows the start when no point is in the file', () => {
    expect(codeWindows('a.ts', text, [1], 3).map((w) => [w.from, w.lines.length])).toEqual([[1, 4]]);
    expect(codeWindows('a.ts', text, [99], 3).map((w) => [w.from, w.lines.length])).toEqual([[1, 7]]);
  });

  it('pads line numbers to one width', () => {
    const [window] = codeWindows('a.ts', text, [10], 1);
    expect(formatWindow(window!)).toBe('a.ts (lines 9-11):\n```\n 9 | line 9\n10 | line 10\n11 | line 11\n```');
  });
});

describe('retryPrompt', () => {
  it('names every problem and asks again in the same format', () => {
    const text = retryPrompt(['suggestion 1: search text not found in src/a.ts: "x"', 'suggestion 2 has no edits']);
    expect(text).toBe(
      [
        'Your answer could not be used:',
        '- suggestion 1: search text not found in src/a.ts: "x"',
        '- suggestion 2 has no edits',
        'Answer again with the same JSON format. Copy each `search` text exactly from the code shown (without line numbers), and change only source files.',
      ].join('\n'),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { combine, fileOf, judge } from '../../../src/suggest/repair/validate/judge.ts';
import type { CandidateOutcome, TestStates } from '../../../src/suggest/repair/validate/runner.ts';

const BASELINE: TestStates = {
  'tests/a.test.ts > a > one': 'failed',
  'tests/a.test.ts > a > two': 'failed',
  'tests/a.test.ts > a > three': 'passed',
  'tests/a.test.ts > a > later': 'skipped',
  'tests/b.test.ts > b > one': 'passed',
};
const A = new Set(['tests/a.test.ts']);
const B = new Set(['tests/b.test.ts']);

function outcome(states: TestStates, extra: Partial<CandidateOutcome> = {}): CandidateOutcome {
  return { key: 'c', states, fileErrors: {}, timedOut: false, starved: false, ...extra };
}

describe('judge', () => {
  it('reads the test file out of a test id', () => {
    expect(fileOf('tests/a.test.ts > a > one')).toBe('tests/a.test.ts');
  });

  it('sorts tests into fixed, broke and still failing, over the files that ran', () => {
    const verdict = judge(
      BASELINE,
      outcome({ 'tests/a.test.ts > a > one': 'passed', 'tests/a.test.ts > a > two': 'failed', 'tests/a.test.ts > a > three': 'passed' }),
      A,
    );
    expect(verdict).toEqual({
      kind: 'partial',
      fixed: ['tests/a.test.ts > a > one'],
      broke: [],
      stillFailing: ['tests/a.test.ts > a > two'],
    });
  });

  it('counts a passing test that no longer runs (its file broke) as broken', () => {
    const verdict = judge(BASELINE, outcome({}, { fileErrors: { 'tests/a.test.ts': 'SyntaxError' } }), A);
    expect(verdict.kind).toBe('regression');
    expect(verdict.broke).toEqual(['tests/a.test.ts > a > three']);
  });

  it('calls a run that hit its limit a timeout, whatever the states', () => {
    expect(judge(BASELINE, outcome({ 'tests/a.test.ts > a > one': 'passed' }, { timedOut: true }), A).kind).toBe('timeout');
  });

  it('is plausible only when every failing test passes and nothing broke, over both phases', () => {
    const first = judge(
      BASELINE,
      outcome({ 'tests/a.test.ts > a > one': 'passed', 'tests/a.test.ts > a > two': 'passed', 'tests/a.test.ts > a > three': 'passed' }),
      A,
    );
    expect(first.kind).toBe('plausible');
    expect(combine(first, judge(BASELINE, outcome({ 'tests/b.test.ts > b > one': 'passed' }), B)).kind).toBe('plausible');
    const broken = combine(first, judge(BASELINE, outcome({ 'tests/b.test.ts > b > one': 'failed' }), B));
    expect(broken).toMatchObject({ kind: 'regression', broke: ['tests/b.test.ts > b > one'] });
  });

  it('sees no progress when no failing test passes', () => {
    expect(judge(BASELINE, outcome({ ...BASELINE }), A).kind).toBe('no-progress');
  });
});

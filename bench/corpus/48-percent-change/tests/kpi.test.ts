import { describe, expect, it } from 'vitest';
import { formatChange, percentChange, report, trend } from '../src/kpi.ts';

describe('kpi changes', () => {
  it('computes growth', () => {
    expect(percentChange(200, 250)).toBe(25);
  });

  it('computes decline with one decimal', () => {
    expect(percentChange(300, 200)).toBe(-33.3);
  });

  it('classifies trends', () => {
    expect([trend(100, 120), trend(100, 80), trend(100, 100.5)]).toEqual(['up', 'down', 'flat']);
  });

  it('formats signed changes', () => {
    expect([formatChange(100, 150), formatChange(100, 90), formatChange(5, 5)]).toEqual(['+50.0%', '-10.0%', '0.0%']);
  });

  it('has no percentage without a baseline', () => {
    expect(percentChange(0, 40)).toBeNull();
  });

  it('marks metrics that start from zero as new', () => {
    expect(report([{ name: 'signups', before: 0, after: 12 }])).toEqual(['signups: 12 (n/a, new)']);
  });
});

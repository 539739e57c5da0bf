import { describe, expect, it } from 'vitest';
import { clamp, etaMs, formatEta, ratio, renderBar } from '../src/progress.ts';

describe('progress', () => {
  it('clamps values', () => {
    expect([clamp(-1, 0, 10), clamp(5, 0, 10), clamp(11, 0, 10)]).toEqual([0, 5, 10]);
  });

  it('starts at zero', () => {
    expect(ratio(0, 10)).toBe(0);
  });

  it('treats an empty job as done', () => {
    expect(ratio(0, 0)).toBe(1);
  });

  it('reports half way', () => {
    expect(ratio(5, 10)).toBe(0.5);
  });

  it('renders a bar', () => {
    expect(renderBar(1, 4, 8)).toBe('[##------] 25%');
  });

  it('has no ETA before progress', () => {
    expect(etaMs(5_000, 0, 10)).toBeUndefined();
    expect(formatEta(undefined)).toBe('estimating…');
  });

  it('formats an ETA', () => {
    expect(formatEta(95_000)).toBe('1m 35s left');
  });
});

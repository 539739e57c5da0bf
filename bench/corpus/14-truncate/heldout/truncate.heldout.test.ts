import { describe, expect, it } from 'vitest';
import { truncate } from '../src/truncate.ts';

describe('truncate (held out)', () => {
  it('never exceeds max and uses all of it when cutting', () => {
    const text = 'The quick brown fox jumps over the lazy dog';
    for (let max = 1; max < text.length; max++) {
      const out = truncate(text, max);
      expect(out.length).toBe(max);
      expect(out.endsWith('…')).toBe(true);
      expect(text.startsWith(out.slice(0, -1))).toBe(true);
    }
  });

  it('handles tiny widths', () => {
    expect(truncate('abc', 1)).toBe('…');
    expect(truncate('abc', 2)).toBe('a…');
  });

  it('returns text of exactly max characters unchanged', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('', 3)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { truncate, truncateLines, truncateMiddle, truncateWords } from '../src/truncate.ts';

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('hello', 10)).toBe('hello');
    expect(truncate('hello', 5)).toBe('hello');
  });

  it('ends cut text with an ellipsis', () => {
    expect(truncate('hello world', 8).endsWith('…')).toBe(true);
  });

  it('uses the full width', () => {
    expect(truncate('hello world', 8)).toBe('hello w…');
  });

  it('rejects a zero width', () => {
    expect(() => truncate('x', 0)).toThrow(RangeError);
  });

  it('cuts at word boundaries', () => {
    expect(truncateWords('the quick brown fox', 12)).toBe('the quick…');
  });

  it('keeps both ends in the middle variant', () => {
    expect(truncateMiddle('abcdefghij', 7)).toBe('abc…hij');
  });

  it('limits lines', () => {
    expect(truncateLines('a\nb\nc\nd', 2)).toBe('a\nb\n… (2 more lines)');
  });
});

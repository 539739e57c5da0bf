import { describe, expect, it } from 'vitest';
import { topWords } from '../src/words.ts';

describe('topWords (held out)', () => {
  it('orders by count, then alphabetically, whatever the input order', () => {
    const text = 'zeta beta zeta alpha beta gamma delta zeta';
    expect(topWords(text, 10)).toEqual([
      { word: 'zeta', count: 3 },
      { word: 'beta', count: 2 },
      { word: 'alpha', count: 1 },
      { word: 'delta', count: 1 },
      { word: 'gamma', count: 1 },
    ]);
  });

  it('orders words that all appear once', () => {
    expect(topWords('d c e b', 3).map((w) => w.word)).toEqual(['b', 'c', 'd']);
  });

  it('returns nothing for empty text or a zero limit', () => {
    expect(topWords('', 5)).toEqual([]);
    expect(topWords('a b c', 0)).toEqual([]);
  });
});

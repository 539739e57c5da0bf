import { describe, expect, it } from 'vitest';
import { countWords, formatTop, tokenize, topWords, vocabularySize } from '../src/words.ts';

describe('word counts', () => {
  it('tokenizes case-insensitively', () => {
    expect(tokenize("It's a Cat, a CAT!")).toEqual(["it's", 'a', 'cat', 'a', 'cat']);
  });

  it('skips stop words', () => {
    expect(Object.fromEntries(countWords('the cat and the hat'))).toEqual({ cat: 1, hat: 1 });
  });

  it('puts the most frequent word first', () => {
    expect(topWords('dog cat dog bird dog cat', 1)).toEqual([{ word: 'dog', count: 3 }]);
  });

  it('breaks ties alphabetically', () => {
    expect(topWords('pear apple pear apple fig', 2).map((w) => w.word)).toEqual(['apple', 'pear']);
  });

  it('formats a ranking', () => {
    expect(formatTop([{ word: 'x', count: 2 }, { word: 'y', count: 1 }])).toBe('1. x (2)\n2. y (1)');
  });

  it('measures vocabulary including stop words', () => {
    expect(vocabularySize('the cat the hat')).toBe(3);
  });
});

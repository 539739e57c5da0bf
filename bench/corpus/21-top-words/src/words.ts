export interface WordCount {
  word: string;
  count: number;
}

const STOP_WORDS = new Set(['a', 'an', 'and', 'in', 'is', 'it', 'of', 'or', 'the', 'to']);

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9']+/g) ?? [];
}

export function countWords(text: string, skipStopWords = true): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of tokenize(text)) {
    if (skipStopWords && STOP_WORDS.has(word)) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

/** Most frequent words first. */
export function topWords(text: string, limit: number): WordCount[] {
  return [...countWords(text)]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(a.word))
    .slice(0, limit);
}

export function formatTop(words: readonly WordCount[]): string {
  return words.map(({ word, count }, i) => `${i + 1}. ${word} (${count})`).join('\n');
}

export function vocabularySize(text: string): number {
  return countWords(text, false).size;
}

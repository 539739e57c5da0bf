/** `1 test`, `2 tests`: a count with its noun, for messages (nouns whose plural is `s`). */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

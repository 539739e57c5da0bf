import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './pack.ts';

/** The first ```ts block under a README heading, verbatim: what a reader copies. */
export function readmeSnippet(heading: string): string {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "${heading}" section`);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
  if (!block?.[1]) throw new Error(`README.md's "${heading}" section has no ts snippet`);
  return block[1];
}

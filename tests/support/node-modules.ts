import { existsSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../..');

/**
 * The node_modules a copy of `source` should link to resolve its packages as the original does:
 * its own (an example's, installed from its lockfile by `npm install`), else the repository's
 * (fixture projects declare no dependencies of their own and borrow it).
 */
export function nodeModulesFor(source: string): string {
  const own = path.join(source, 'node_modules');
  return existsSync(own) ? own : path.join(REPO, 'node_modules');
}

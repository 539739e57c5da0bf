import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ScriptedChange } from '../../../src/suggest/scripted.ts';
import { nodeModulesFor } from '../../support/node-modules.ts';

export const REPO = path.resolve(import.meta.dirname, '../../..');
export const BUGGY = path.join(REPO, 'examples/buggy');
export const GREEN = path.join(REPO, 'examples/green');

interface BuggyFix {
  kind: string;
  file: string;
  search: string;
  replace: string;
  fixesTests: string[];
}

/** The known fixes for examples/buggy, from the fixture the testing helper keeps next to it. */
export const BUGGY_FIXES: BuggyFix[] = JSON.parse(readFileSync(path.join(REPO, 'tests/fixtures/buggy-fixes.json'), 'utf8')).fixes;

export const fixChanges: ScriptedChange[] = BUGGY_FIXES.map((fix) => ({
  edits: [{ file: fix.file, search: fix.search, replace: fix.replace }],
  rationale: fix.kind,
}));

/** Wrong: ignoring quantities fixes nothing and breaks the cart's passing tests. */
export const WRONG_CHANGE: ScriptedChange = {
  edits: [{ file: 'src/cart.ts', search: 'sum + i.unitPrice * i.quantity', replace: 'sum + i.unitPrice' }],
  rationale: 'count each line once',
};

/** "Fixes" a failing test by editing the test: must be refused. */
export const TEST_EDIT_CHANGE: ScriptedChange = {
  edits: [
    { file: 'tests/paginate.test.ts', search: "it('returns the last, partial page'", replace: "it.skip('returns the last, partial page'" },
  ],
  rationale: 'skip the failing test',
};

/** Hash of every project file except our own state and dependencies, to prove a project was not touched. */
export function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === '.improve' || entry.name === 'node_modules') continue;
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else
        hash
          .update(`${child}\0`)
          .update(readFileSync(path.join(dir, child)))
          .update('\0');
    }
  };
  walk('');
  return hash.digest('hex');
}

/**
 * A throwaway copy of an example project outside the repository, with the example's own
 * node_modules linked in so the sandbox finds vitest.
 */
export function tempCopy(source: string): { dir: string; remove: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'improve-project-'));
  const dir = path.join(root, path.basename(source));
  cpSync(source, dir, { recursive: true, filter: (src) => !/[/\\](node_modules|\.improve)$/.test(src) });
  symlinkSync(nodeModulesFor(source), path.join(dir, 'node_modules'));
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

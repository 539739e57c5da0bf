import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO } from '../support/mastra-server.ts';
import { nodeModulesFor } from '../support/node-modules.ts';

const BUGGY = path.join(REPO, 'examples/buggy');
const FILES = ['package.json', 'src/paginate.ts', 'tests/paginate.test.ts'];

/** The fix the repair engine finds, as it appears in a unified diff. */
export const PAGINATE_FIX =
  '-  if (!Number.isInteger(page) || page < 1 || page >= count) {\n+  if (!Number.isInteger(page) || page < 1 || page > count) {\n';

/**
 * A throwaway project with one bug: examples/buggy's paginate module and its tests alone
 * (`page >= count` should be `page > count`; two of six tests fail), small enough that a whole
 * run takes seconds, with examples/buggy's node_modules linked in for vitest.
 */
export function paginateProject(): { dir: string; remove: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'improve-project-'));
  const dir = path.join(root, 'paginate');
  for (const file of FILES) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(BUGGY, file), path.join(dir, file));
  }
  symlinkSync(nodeModulesFor(BUGGY), path.join(dir, 'node_modules'));
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unifiedDiff, unifiedDiffs } from '../../src/patch/diff.ts';
import type { FileChange } from '../../src/patch/edits.ts';

const work = mkdtempSync(path.join(tmpdir(), 'diff-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Applies the patch to `before` with `git apply` and returns what git produced. */
function gitApply(change: FileChange, patch: string): string {
  const dir = mkdtempSync(path.join(work, 'case-'));
  writeFileSync(path.join(dir, 'f.txt'), change.before);
  writeFileSync(path.join(dir, 'p.diff'), patch);
  execFileSync('git', ['apply', '--whitespace=nowarn', 'p.diff'], { cwd: dir, stdio: 'pipe' });
  return readFileSync(path.join(dir, 'f.txt'), 'utf8');
}

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => `${f(i)}\n`).join('');

describe('unifiedDiff', () => {
  it('renders a one-line change with three lines of context', () => {
    const before = lines(10, (i) => `line ${i + 1}`);
    const after = before.replace('line 5\n', 'line five\n');
    expect(unifiedDiff({ file: 'src/x.ts', before, after })).toBe(
      [
        '--- a/src/x.ts',
        '+++ b/src/x.ts',
        '@@ -2,7 +2,7 @@',
        ' line 2',
        ' line 3',
        ' line 4',
        '-line 5',
        '+line five',
        ' line 6',
        ' line 7',
        ' line 8',
        '',
      ].join('\n'),
    );
  });

  it('is empty for equal texts', () => {
    expect(unifiedDiff({ file: 'f.txt', before: 'a\n', after: 'a\n' })).toBe('');
  });

  const cases: [string, string, string][] = [
    ['far-apart changes make two hunks', lines(40, (i) => `l${i}`), lines(40, (i) => (i === 3 || i === 30 ? `L${i}` : `l${i}`))],
    ['near changes merge into one hunk', lines(20, (i) => `l${i}`), lines(20, (i) => (i === 5 || i === 11 ? `L${i}` : `l${i}`))],
    ['insertion at the start', 'b\nc\n', 'a\nb\nc\n'],
    ['deletion at the end', 'a\nb\nc\n', 'a\nb\n'],
    ['from empty', '', 'a\nb\n'],
    ['to empty', 'a\nb\n', ''],
    ['newline added at end of file', 'a\nb', 'a\nb\n'],
    ['newline removed at end of file', 'a\nb\n', 'a\nb'],
    ['no newline on either side', 'a\nb', 'a\nc'],
    ['interleaved edits', lines(30, (i) => `l${i % 7}`), lines(30, (i) => (i % 4 === 0 ? `x${i}` : `l${i % 7}`))],
    ['full rewrite', lines(15, (i) => `old ${i}`), lines(12, (i) => `new ${i}`)],
    ['moved block', lines(12, (i) => `l${i}`), lines(12, (i) => `l${(i + 6) % 12}`)],
  ];

  it.each(cases)('%s: git apply reproduces the new text', (_, before, after) => {
    const change = { file: 'f.txt', before, after };
    const patch = unifiedDiff(change);
    expect(patch.startsWith('--- a/f.txt\n+++ b/f.txt\n@@ ')).toBe(true);
    expect(gitApply(change, patch)).toBe(after);
  });

  it('stays correct (not minimal) past the edit-distance cap', () => {
    const before = lines(3000, (i) => `a${i}`);
    const after = lines(3000, (i) => `b${i}`);
    const change = { file: 'f.txt', before, after };
    expect(gitApply(change, unifiedDiff(change))).toBe(after);
  });
});

describe('unifiedDiffs', () => {
  it('concatenates per-file diffs in order', () => {
    const a = { file: 'a.txt', before: 'x\n', after: 'y\n' };
    const b = { file: 'b.txt', before: 'x\n', after: 'z\n' };
    expect(unifiedDiffs([a, b])).toBe(unifiedDiff(a) + unifiedDiff(b));
  });
});

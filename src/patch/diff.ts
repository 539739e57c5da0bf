import type { FileChange } from './edits.ts';

type Op = { kind: ' ' | '-' | '+'; line: string };

const CONTEXT = 3;
// Past this many differing lines the minimal diff costs O(D^2) memory; a replace-all diff is still correct.
const MAX_EDIT_DISTANCE = 2000;
const NO_NEWLINE = '\\ No newline at end of file';

/** A git-style unified diff (`--- a/file`, `+++ b/file`, 3 lines of context) that `git apply` accepts; '' when equal. */
export function unifiedDiff(change: FileChange): string {
  if (change.before === change.after) return '';
  const ops = diffLines(splitLines(change.before), splitLines(change.after));
  const hunks = groupHunks(ops).map(renderHunk).join('');
  return `--- a/${change.file}\n+++ b/${change.file}\n${hunks}`;
}

/** One patch for several files, in the order given. */
export function unifiedDiffs(changes: readonly FileChange[]): string {
  return changes.map(unifiedDiff).join('');
}

/** Lines with their terminator, so "x" and "x\n" at the end of a file differ as git says they do. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const last = parts.pop() as string;
  const lines = parts.map((l) => `${l}\n`);
  if (last !== '') lines.push(last);
  return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (lines: string[]): Op[] => lines.map((line) => ({ kind: ' ', line }));
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = myers(middleA, middleB) ?? [
    ...middleA.map((line): Op => ({ kind: '-', line })),
    ...middleB.map((line): Op => ({ kind: '+', line })),
  ];
  return [...same(a.slice(0, start)), ...middle, ...same(a.slice(endA))];
}

/** Myers' O((N+M)D) shortest edit script; undefined when D exceeds MAX_EDIT_DISTANCE. */
function myers(a: string[], b: string[]): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v over k in [-d-1, d+1] as it was when round d started.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))
          ? (v[offset + k + 1] as number)
          : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b);
    }
  }
  return undefined;
}

function backtrack(trace: Int32Array[], a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const snapshot = trace[d] as Int32Array;
    const at = (k: number) => snapshot[k + d + 1] as number;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x] as string });
      y--;
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[--y] as string });
      else ops.push({ kind: '-', line: a[--x] as string });
    }
  }
  return ops.reverse();
}

interface Hunk {
  oldStart: number;
  newStart: number;
  ops: Op[];
}

function groupHunks(ops: Op[]): Hunk[] {
  const changed = ops.flatMap((op, i) => (op.kind === ' ' ? [] : [i]));
  const hunks: Hunk[] = [];
  let i = 0;
  while (i < changed.length) {
    const first = changed[i] as number;
    let last = first;
    while (i + 1 < changed.length && (changed[i + 1] as number) - last <= 2 * CONTEXT + 1) last = changed[++i] as number;
    i++;
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(ops.length, last + CONTEXT + 1);
    const before = ops.slice(0, from);
    hunks.push({
      oldStart: before.filter((op) => op.kind !== '+').length + 1,
      newStart: before.filter((op) => op.kind !== '-').length + 1,
      ops: ops.slice(from, to),
    });
  }
  return hunks;
}

function renderHunk(hunk: Hunk): string {
  const oldCount = hunk.ops.filter((op) => op.kind !== '+').length;
  const newCount = hunk.ops.filter((op) => op.kind !== '-').length;
  // An empty range is numbered by the line before it.
  const oldStart = oldCount === 0 ? hunk.oldStart - 1 : hunk.oldStart;
  const newStart = newCount === 0 ? hunk.newStart - 1 : hunk.newStart;
  const body = hunk.ops.map((op) => (op.line.endsWith('\n') ? `${op.kind}${op.line}` : `${op.kind}${op.line}\n${NO_NEWLINE}\n`)).join('');
  return `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n${body}`;
}

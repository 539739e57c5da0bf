import { describe, expect, it } from 'vitest';
import { liveDescendants, type ProcessEntry, parseStat } from '../../src/cli/process-tree.ts';

describe('parseStat', () => {
  it('reads pid, state, parent and group past a command name holding spaces and parentheses', () => {
    expect(parseStat('4242 (node (worker) x) S 4200 4242 4200 0 -1 4194560 1 0 0 0')).toEqual({
      pid: 4242,
      ppid: 4200,
      pgid: 4242,
      state: 'S',
    });
  });

  it('gives nothing for a line it cannot read', () => {
    expect(parseStat('')).toBeUndefined();
  });
});

describe('liveDescendants', () => {
  const entry = (pid: number, ppid: number, state = 'S'): ProcessEntry => ({ pid, ppid, pgid: pid, state });

  it('finds children and their children, listed in any order, and skips the dead', () => {
    const table = [entry(30, 20), entry(20, 10), entry(11, 1), entry(21, 10, 'Z'), entry(31, 21), entry(10, 1)];
    expect(
      liveDescendants(10, table)
        .map((e) => e.pid)
        .sort(),
    ).toEqual([20, 30, 31]);
  });
});

import { describe, expect, it } from 'vitest';
import { History } from '../src/history.ts';

describe('History (held out)', () => {
  it('walks all the way back and forward again', () => {
    const h = new History(0);
    for (let i = 1; i <= 5; i++) h.set(i);
    const back: number[] = [];
    while (h.undo()) back.push(h.value);
    expect(back).toEqual([4, 3, 2, 1, 0]);
    const forward: number[] = [];
    while (h.redo()) forward.push(h.value);
    expect(forward).toEqual([1, 2, 3, 4, 5]);
  });

  it('lists the timeline oldest first', () => {
    const h = new History('a');
    h.set('b');
    h.set('c');
    expect(h.timeline()).toEqual(['a', 'b', 'c']);
  });

  it('forgets the oldest steps beyond the limit', () => {
    const h = new History(0, 3);
    for (let i = 1; i <= 6; i++) h.set(i);
    expect(h.timeline()).toEqual([3, 4, 5, 6]);
    h.undo();
    h.undo();
    h.undo();
    expect(h.value).toBe(3);
    expect(h.canUndo()).toBe(false);
  });

  it('mixes undo, redo and new changes', () => {
    const h = new History('x');
    h.set('y');
    h.set('z');
    h.undo();
    h.set('w');
    h.undo();
    expect(h.value).toBe('y');
    h.undo();
    expect(h.value).toBe('x');
  });
});

import { describe, expect, it } from 'vitest';
import { History } from '../src/history.ts';

describe('History', () => {
  it('starts with the initial value and nothing to undo', () => {
    const h = new History('a');
    expect([h.value, h.canUndo(), h.canRedo()]).toEqual(['a', false, false]);
  });

  it('undoes a single change', () => {
    const h = new History('a');
    h.set('b');
    expect(h.undo()).toBe(true);
    expect(h.value).toBe('a');
  });

  it('undoes changes newest first', () => {
    const h = new History('a');
    h.set('b');
    h.set('c');
    h.undo();
    expect(h.value).toBe('b');
  });

  it('redoes an undone change', () => {
    const h = new History(1);
    h.set(2);
    h.undo();
    expect(h.redo()).toBe(true);
    expect(h.value).toBe(2);
  });

  it('a new change clears the redo stack', () => {
    const h = new History(1);
    h.set(2);
    h.undo();
    h.set(3);
    expect(h.canRedo()).toBe(false);
  });

  it('reports false when there is nothing to undo', () => {
    expect(new History(0).undo()).toBe(false);
  });
});

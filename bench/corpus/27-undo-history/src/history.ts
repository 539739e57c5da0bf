/** Undo/redo history of immutable values, keeping at most `limit` undo steps. */
export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  private current: T;
  private readonly limit: number;

  constructor(initial: T, limit = 100) {
    this.current = initial;
    this.limit = limit;
  }

  get value(): T {
    return this.current;
  }

  set(next: T): void {
    this.past.unshift(this.current);
    if (this.past.length > this.limit) this.past.shift();
    this.current = next;
    this.future = [];
  }

  undo(): boolean {
    if (this.past.length === 0) return false;
    this.future.push(this.current);
    this.current = this.past.pop() as T;
    return true;
  }

  redo(): boolean {
    if (this.future.length === 0) return false;
    this.past.push(this.current);
    this.current = this.future.pop() as T;
    return true;
  }

  canUndo(): boolean {
    return this.past.length > 0;
  }

  canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Oldest first, ending with the current value. */
  timeline(): T[] {
    return [...this.past, this.current];
  }
}

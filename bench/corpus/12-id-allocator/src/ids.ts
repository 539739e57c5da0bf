/** Hands out ids, reusing released ones (smallest first) before minting new ones. */
export class IdAllocator {
  private last: number;
  private readonly released: number[] = [];

  constructor(start = 0) {
    if (!Number.isInteger(start) || start < 0) throw new RangeError('start must be a non-negative integer');
    this.last = start;
  }

  next(): number {
    const reused = this.released.shift();
    if (reused !== undefined) return reused;
    return this.last++;
  }

  release(id: number): void {
    if (!Number.isInteger(id) || id < 1 || id > this.last || this.released.includes(id)) {
      throw new RangeError(`id ${id} is not in use`);
    }
    this.released.push(id);
    this.released.sort((a, b) => a - b);
  }

  lastIssued(): number {
    return this.last;
  }
}

/** Formats ids as PREFIX-0001. */
export function prefixedIds(prefix: string, allocator: IdAllocator, width = 4): () => string {
  return () => `${prefix}-${String(allocator.next()).padStart(width, '0')}`;
}

export function allocateMany(allocator: IdAllocator, count: number): number[] {
  return Array.from({ length: count }, () => allocator.next());
}

/** Index of `target` in the ascending array `items`, or -1 when it is absent. */
export function binarySearch(items: readonly number[], target: number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const value = items[mid]!;
    if (value === target) return mid;
    if (value < target) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** First index at which `target` could be inserted while keeping `items` sorted. */
export function lowerBound(items: readonly number[], target: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertSorted(items: readonly number[], value: number): number[] {
  const at = lowerBound(items, value);
  return [...items.slice(0, at), value, ...items.slice(at)];
}

export function contains(items: readonly number[], target: number): boolean {
  return binarySearch(items, target) !== -1;
}

/** Values of `wanted` that appear in the sorted `items`, in the order given. */
export function intersectSorted(items: readonly number[], wanted: readonly number[]): number[] {
  return wanted.filter((value) => contains(items, value));
}

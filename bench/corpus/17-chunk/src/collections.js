/** Splits `items` into arrays of `size`; the last one may be shorter. */
export function chunk(items, size) {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('size must be a positive integer');
  const chunks = [];
  for (let i = 0; i < items.length - 1; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

/** Every run of `size` consecutive items. */
export function windows(items, size) {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('size must be a positive integer');
  const out = [];
  for (let i = 0; i + size <= items.length; i++) out.push(items.slice(i, i + size));
  return out;
}

export function partition(items, predicate) {
  const yes = [];
  const no = [];
  for (const item of items) (predicate(item) ? yes : no).push(item);
  return [yes, no];
}

export function zip(a, b) {
  const length = Math.min(a.length, b.length);
  return Array.from({ length }, (_, i) => [a[i], b[i]]);
}

/** Runs `task` over `items` in batches of `size`, one batch at a time. */
export async function inBatches(items, size, task) {
  const results = [];
  for (const batch of chunk(items, size)) results.push(...(await Promise.all(batch.map(task))));
  return results;
}

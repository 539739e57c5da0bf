export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

export function pageCount(total: number, pageSize: number): number {
  if (pageSize < 1) throw new RangeError(`page size must be at least 1, got ${pageSize}`);
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Pages are numbered from 1. */
export function paginate<T>(items: readonly T[], page: number, pageSize: number): Page<T> {
  const count = pageCount(items.length, pageSize);
  if (!Number.isInteger(page) || page < 1 || page >= count) {
    throw new RangeError(`page ${page} is outside 1..${count}`);
  }
  const start = (page - 1) * pageSize;
  return {
    items: items.slice(start, start + pageSize),
    page,
    pageCount: count,
    hasPrevious: page > 1,
    hasNext: page < count,
  };
}

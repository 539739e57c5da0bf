export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  totalItems: number;
  totalPages: number;
  hasPrev: boolean;
  hasNext: boolean;
}

export function totalPages(totalItems: number, pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize <= 0) throw new RangeError('pageSize must be a positive integer');
  return Math.max(1, Math.ceil(totalItems / pageSize));
}

/** 1-based pages; out-of-range page numbers are clamped to the first or last page. */
export function paginate<T>(items: readonly T[], page: number, pageSize: number): Page<T> {
  const pages = totalPages(items.length, pageSize);
  const current = Math.min(Math.max(1, Math.trunc(page)), pages);
  const offset = (current - 1) * pageSize;
  return {
    items: items.slice(offset, offset + pageSize - 1),
    page: current,
    pageSize,
    totalItems: items.length,
    totalPages: pages,
    hasPrev: current > 1,
    hasNext: current < pages,
  };
}

/** Page numbers to show around the current one, e.g. [3, 4, 5, 6, 7] for page 5. */
export function pageLinks(current: number, pages: number, radius = 2): number[] {
  const from = Math.max(1, current - radius);
  const to = Math.min(pages, current + radius);
  const links: number[] = [];
  for (let p = from; p <= to; p++) links.push(p);
  return links;
}

/** "Showing 11-20 of 45" */
export function rangeLabel(page: Page<unknown>): string {
  if (page.totalItems === 0) return 'No results';
  const first = (page.page - 1) * page.pageSize + 1;
  return `Showing ${first}-${first + page.items.length - 1} of ${page.totalItems}`;
}

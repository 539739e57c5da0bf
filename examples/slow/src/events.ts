export interface PageView {
  visitorId: string;
  path: string;
  at: number;
}

/** Distinct visitors in order of first appearance. */
export function uniqueVisitors(views: readonly PageView[]): string[] {
  const seen: string[] = [];
  for (const view of views) {
    let known = false;
    for (const id of seen) {
      if (id === view.visitorId) known = true;
    }
    if (!known) seen.push(view.visitorId);
  }
  return seen;
}

/** Path -> number of views, most viewed first. */
export function topPaths(views: readonly PageView[], limit: number): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const view of views) counts.set(view.path, (counts.get(view.path) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
}

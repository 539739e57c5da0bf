/** examples/slow: the quadratic loop in uniqueVisitors, and the linear version of it. */
export const QUADRATIC_VISITORS = [
  '  const seen: string[] = [];',
  '  for (const view of views) {',
  '    let known = false;',
  '    for (const id of seen) {',
  '      if (id === view.visitorId) known = true;',
  '    }',
  '    if (!known) seen.push(view.visitorId);',
  '  }',
  '  return seen;',
].join('\n');

export const LINEAR_VISITORS = '  return [...new Set(views.map((view) => view.visitorId))];';

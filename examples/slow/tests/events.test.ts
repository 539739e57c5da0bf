import { describe, expect, it } from 'vitest';
import { type PageView, topPaths, uniqueVisitors } from '../src/events.ts';

const views: PageView[] = [
  { visitorId: 'v1', path: '/', at: 1 },
  { visitorId: 'v2', path: '/pricing', at: 2 },
  { visitorId: 'v1', path: '/pricing', at: 3 },
  { visitorId: 'v3', path: '/', at: 4 },
  { visitorId: 'v2', path: '/docs', at: 5 },
];

describe('uniqueVisitors', () => {
  it('lists each visitor once, in order of first visit', () => {
    expect(uniqueVisitors(views)).toEqual(['v1', 'v2', 'v3']);
  });

  it('handles a day of traffic', () => {
    const day: PageView[] = [];
    for (let i = 0; i < 25_000; i++) day.push({ visitorId: `v${i % 7_500}`, path: '/', at: i });
    expect(uniqueVisitors(day)).toHaveLength(7_500);
  }, 30_000);
});

describe('topPaths', () => {
  it('ranks paths by views, ties alphabetically', () => {
    expect(topPaths(views, 2)).toEqual([
      ['/', 2],
      ['/pricing', 2],
    ]);
  });
});

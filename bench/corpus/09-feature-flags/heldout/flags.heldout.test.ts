import { describe, expect, it } from 'vitest';
import { bucket, enabledFlags, exposure, isEnabled } from '../src/flags.ts';
import type { Flag } from '../src/flags.ts';

const users = Array.from({ length: 2000 }, (_, i) => `user-${i}`);

describe('feature flags (held out)', () => {
  it('a 30% rollout reaches about 30% of users', () => {
    const f: Flag = { name: 'beta', enabled: true, allowList: [], rolloutPercent: 30 };
    const share = exposure(f, users);
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });

  it('rollout membership follows the bucket exactly', () => {
    const f: Flag = { name: 'beta', enabled: true, allowList: [], rolloutPercent: 50 };
    for (const id of users.slice(0, 200)) expect(isEnabled(f, id)).toBe(bucket('beta', id) < 50);
  });

  it('allow-listed users get the flag whatever their bucket', () => {
    const f: Flag = { name: 'beta', enabled: true, allowList: users.slice(0, 50), rolloutPercent: 10 };
    for (const id of users.slice(0, 50)) expect(isEnabled(f, id)).toBe(true);
  });

  it('lists flags by name in order', () => {
    const flags: Flag[] = [
      { name: 'a', enabled: true, allowList: ['u'], rolloutPercent: 0 },
      { name: 'b', enabled: true, allowList: [], rolloutPercent: 0 },
      { name: 'c', enabled: true, allowList: [], rolloutPercent: 100 },
    ];
    expect(enabledFlags(flags, 'u')).toEqual(['a', 'c']);
    expect(exposure(flags[0]!, [])).toBe(0);
  });
});

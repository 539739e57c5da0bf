import { describe, expect, it } from 'vitest';
import { bucket, enabledFlags, isEnabled } from '../src/flags.ts';
import type { Flag } from '../src/flags.ts';

const flag = (over: Partial<Flag>): Flag => ({ name: 'new-ui', enabled: true, allowList: [], rolloutPercent: 0, ...over });

describe('feature flags', () => {
  it('puts users in a stable bucket between 0 and 99', () => {
    const b = bucket('new-ui', 'u1');
    expect(b).toBe(bucket('new-ui', 'u1'));
    expect(b).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThan(100);
  });

  it('is off for everyone when disabled', () => {
    expect(isEnabled(flag({ enabled: false, allowList: ['u1'], rolloutPercent: 100 }), 'u1')).toBe(false);
  });

  it('is off for unlisted users at 0%', () => {
    expect(isEnabled(flag({ allowList: ['u1'] }), 'u2')).toBe(false);
  });

  it('is on for allow-listed users at 0%', () => {
    expect(isEnabled(flag({ allowList: ['u1'] }), 'u1')).toBe(true);
  });

  it('is on for everyone at 100%', () => {
    expect(isEnabled(flag({ rolloutPercent: 100 }), 'anyone')).toBe(true);
  });

  it('lists the enabled flags of a user', () => {
    const flags = [flag({ name: 'a', enabled: false }), flag({ name: 'b' })];
    expect(enabledFlags(flags, 'u9')).toEqual([]);
  });
});

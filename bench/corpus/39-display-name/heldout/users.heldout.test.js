import { describe, expect, it } from 'vitest';
import { displayName, initials, mentionList } from '../src/users.js';

describe('display names (held out)', () => {
  it('uses the email name when nothing else is known', () => {
    expect(displayName({ email: 'zed@example.com' })).toBe('zed');
    expect(displayName({ email: 'zed@example.com', profile: {} })).toBe('zed');
  });

  it('uses a partial name', () => {
    expect(displayName({ email: 'x@y.z', firstName: 'Cher' })).toBe('Cher');
    expect(initials({ email: 'x@y.z', lastName: 'Prince' })).toBe('P');
  });

  it('handles profiles with whitespace-only nicknames', () => {
    expect(displayName({ email: 'q@y.z', firstName: 'Q', profile: { nickname: '   ' } })).toBe('Q');
  });

  it('mentions a mixed list', () => {
    const users = [{ email: 'b@x.io' }, { email: 'a@x.io', profile: { nickname: 'al' } }];
    expect(mentionList(users)).toEqual(['@al', '@b']);
  });
});

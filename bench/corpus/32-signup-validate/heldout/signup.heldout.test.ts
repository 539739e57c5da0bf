import { describe, expect, it } from 'vitest';
import { isValidSignup, validateSignup } from '../src/signup.ts';

const good = { email: 'grace@navy.mil', username: 'grace', age: 85, acceptTerms: true };

describe('signup validation (held out)', () => {
  it('accepts valid emails with surrounding spaces', () => {
    for (const email of ['a@b.co', ' x.y+z@mail.example.org ', 'first.last@sub.domain.io']) {
      expect(validateSignup({ ...good, email }).email).toBeUndefined();
    }
    expect(isValidSignup(good)).toBe(true);
  });

  it('rejects malformed emails', () => {
    for (const email of ['plain', 'a@b', 'a b@c.de', '@c.de', 'a@.']) {
      expect(validateSignup({ ...good, email }).email).toBe('not a valid email address');
    }
  });

  it('only reports the failing fields', () => {
    expect(validateSignup({ ...good, username: 'has space' })).toEqual({ username: '3-20 lowercase letters, digits or _' });
  });
});

import { describe, expect, it } from 'vitest';
import { firstError, isValidSignup, normalizeSignup, validateSignup } from '../src/signup.ts';

const good = { email: 'ada@example.com', username: 'ada_l', age: 36, acceptTerms: true };

describe('signup validation', () => {
  it('accepts a valid signup', () => {
    expect(validateSignup(good)).toEqual({});
  });

  it('requires an email', () => {
    expect(validateSignup({ ...good, email: '   ' }).email).toBe('required');
  });

  it('rejects a malformed email', () => {
    expect(validateSignup({ ...good, email: 'ada.example.com' }).email).toBe('not a valid email address');
  });

  it('checks the username', () => {
    expect(validateSignup({ ...good, username: 'A' }).username).toBeDefined();
  });

  it('checks age and terms', () => {
    const errors = validateSignup({ ...good, age: 12, acceptTerms: false });
    expect([errors.age, errors.acceptTerms]).toEqual(['you must be 13 or older', 'please accept the terms']);
  });

  it('normalizes case and whitespace', () => {
    expect(normalizeSignup({ ...good, email: ' Ada@Example.COM ', username: 'Ada_L' })).toMatchObject({
      email: 'ada@example.com',
      username: 'ada_l',
    });
  });

  it('reports the first error', () => {
    expect(firstError({ age: 'too young', acceptTerms: 'no' })).toBe('age: too young');
  });
});

import { describe, expect, it } from 'vitest';
import { checkPassword, passwordHint, strength } from '../src/password.ts';

describe('checkPassword', () => {
  it('accepts a good password', () => {
    expect(checkPassword('Correct7Horse')).toEqual({ ok: true, problems: [] });
  });

  it('requires a minimum length', () => {
    expect(checkPassword('Ab1').problems).toContain('at least 10 characters');
  });

  it('requires a digit', () => {
    expect(checkPassword('NoDigitsHere').problems).toEqual(['a digit']);
  });

  it('requires mixed case', () => {
    expect(checkPassword('alllowercase123').ok).toBe(false);
  });

  it('rejects passwords containing the username', () => {
    expect(checkPassword('xXMaryJane99', 'maryjane').problems).toEqual(['must not contain the username']);
  });
});

describe('strength and hints', () => {
  it('grades strength', () => {
    expect(strength('abc')).toBe('weak');
    expect(strength('abcdefghij1')).toBe('fair');
    expect(strength('Abcdefghijk1!x')).toBe('strong');
  });

  it('builds a hint', () => {
    expect(passwordHint('Correct7Horse')).toBeUndefined();
    expect(passwordHint('Short1a')).toBe('Password needs: at least 10 characters');
  });
});

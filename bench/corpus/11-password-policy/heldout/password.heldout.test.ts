import { describe, expect, it } from 'vitest';
import { checkPassword, passwordHint } from '../src/password.ts';

describe('checkPassword (held out)', () => {
  it('rejects all-uppercase passwords', () => {
    expect(checkPassword('ALLUPPERCASE123').problems).toEqual(['upper and lower case letters']);
  });

  it('rejects all-lowercase passwords', () => {
    expect(checkPassword('alllowercase123').problems).toEqual(['upper and lower case letters']);
  });

  it('rejects passwords with no letters at all', () => {
    expect(checkPassword('1234567890').problems).toEqual(['upper and lower case letters']);
  });

  it('lists every problem in order', () => {
    expect(checkPassword('bob', 'bob').problems).toEqual([
      'at least 10 characters',
      'upper and lower case letters',
      'a digit',
      'must not contain the username',
    ]);
  });

  it('hints about case', () => {
    expect(passwordHint('lowercase12345')).toBe('Password needs: upper and lower case letters');
  });
});

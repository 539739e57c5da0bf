import { describe, expect, it } from 'vitest';
import { displayName, greeting, initials, mentionList } from '../src/users.js';

const ada = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', profile: { nickname: ' countess ' } };
const alan = { email: 'alan@example.com', firstName: 'Alan', lastName: 'Turing', profile: { nickname: '' } };
const newcomer = { email: 'new.person@example.com', firstName: 'Grace', lastName: 'Hopper' };

describe('display names', () => {
  it('prefers the trimmed nickname', () => {
    expect(displayName(ada)).toBe('countess');
  });

  it('falls back to the full name when the nickname is empty', () => {
    expect(displayName(alan)).toBe('Alan Turing');
  });

  it('works for users without a profile', () => {
    expect(displayName(newcomer)).toBe('Grace Hopper');
  });

  it('builds initials', () => {
    expect(initials(alan)).toBe('AT');
  });

  it('greets by time of day', () => {
    expect(greeting(ada, 9)).toBe('Good morning, countess!');
    expect(greeting(alan, 20)).toBe('Good evening, Alan Turing!');
  });

  it('lists mentions', () => {
    expect(mentionList([alan, ada, alan])).toEqual(['@AlanTuring', '@countess']);
  });
});

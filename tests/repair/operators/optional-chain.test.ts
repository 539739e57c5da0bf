import { describe, expect, it } from 'vitest';
import { optionalChain } from '../../../src/suggest/repair/operators/optional-chain.ts';
import { editsAt, mutants } from './context.ts';

describe('optional-chain', () => {
  it('makes each member access of a chain optional in turn', () => {
    const source = 'function nick(user: User) {\n  return user.profile.nickname;\n}\n';
    expect(mutants(optionalChain, source, 'return')).toEqual([
      source.replace('user.profile.nickname', 'user.profile?.nickname'),
      source.replace('user.profile.nickname', 'user?.profile.nickname'),
    ]);
    expect(editsAt(optionalChain, source, 'return')[0]!.description).toBe(
      'replace `user.profile.nickname` with `user.profile?.nickname` at src/example.ts:2',
    );
  });

  it('handles element access and multi-line chains', () => {
    const source = 'function first(rows: string[][]) {\n  return rows[0]\n    .length;\n}\n';
    expect(mutants(optionalChain, source, 'return')).toEqual([
      source.replace('rows[0]\n    .length', 'rows[0]\n    ?.length'),
      source.replace('rows[0]', 'rows?.[0]'),
    ]);
  });

  it('never makes an assignment target, `this` or a built-in optional', () => {
    const source = 'function f(o: { a: number }) {\n  o.a = Math.max(this.x, 1);\n}\n';
    expect(mutants(optionalChain, source, 'o.a =')).toEqual([]);
  });
});

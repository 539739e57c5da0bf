import { describe, expect, it } from 'vitest';
import { insertAwait } from '../../../src/suggest/repair/operators/insert-await.ts';
import { editsAt, mutants } from './context.ts';

describe('insert-await', () => {
  const source = [
    'async function loadAccount(id: string): Promise<Account> {',
    '  return db.find(id);',
    '}',
    'export async function transfer(from: string, amount: number) {',
    '  const account = loadAccount(from);',
    '  return account.balance - amount;',
    '}',
    'export function sync(id: string) {',
    '  const account = loadAccount(id);',
    '  return account;',
    '}',
    '',
  ].join('\n');

  it('awaits a call to a function the project declares async', () => {
    expect(mutants(insertAwait, source, 'const account = loadAccount(from)')).toEqual([
      source.replace('= loadAccount(from)', '= await loadAccount(from)'),
    ]);
  });

  it('parenthesizes an awaited call whose result is dereferenced, and weighs `return call()` low', () => {
    const chained = 'async function f(url: string) {\n  return fetch(url).status;\n}\n';
    expect(mutants(insertAwait, chained, 'return')).toEqual([chained.replace('fetch(url).status', '(await fetch(url)).status')]);
    const returned = 'async function g(url: string) {\n  return fetch(url);\n}\n';
    expect(editsAt(insertAwait, returned, 'return').map((e) => e.weight)).toEqual([0.3]);
  });

  it('never awaits outside an async function, an unknown callee, or a call already awaited or chained with then', () => {
    expect(mutants(insertAwait, source, 'const account = loadAccount(id)')).toEqual([]);
    const other = 'async function h(x: number) {\n  const y = compute(x);\n  await fetch("a");\n  fetch("b").then(() => y);\n}\n';
    expect(mutants(insertAwait, other, 'const y')).toEqual([]);
    expect(mutants(insertAwait, other, 'await fetch')).toEqual([]);
    expect(mutants(insertAwait, other, 'fetch("b")')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { wrongProperty } from '../../../src/suggest/repair/operators/wrong-property.ts';
import { editsAt, mutants } from './context.ts';

describe('wrong-property', () => {
  const source = [
    'interface Line { price: number; cost: number; qty: number }',
    'function total(line: Line) {',
    '  return line.cost * line.qty;',
    '}',
    'function label(user: { first: string }) {',
    '  return user.first + user.last;',
    '}',
    '',
  ].join('\n');

  it('offers the fields declared beside the one read', () => {
    const edits = editsAt(wrongProperty, source, 'return line');
    expect(edits.map((e) => [source.slice(e.start, e.end), e.replacement, e.weight])).toEqual([
      ['cost', 'price', 1],
      ['cost', 'qty', 1],
      ['qty', 'price', 1],
      ['qty', 'cost', 1],
    ]);
    expect(mutants(wrongProperty, source, 'return line')[0]).toBe(source.replace('line.cost', 'line.price'));
  });

  it('offers names read from the same receiver elsewhere, weighted lower', () => {
    const edits = editsAt(wrongProperty, source, 'return user');
    expect(edits.map((e) => [source.slice(e.start, e.end), e.replacement, e.weight])).toEqual([
      ['first', 'last', 0.7],
      ['last', 'first', 0.7],
    ]);
  });

  it('does not rename methods or assignment targets', () => {
    const other = 'function f(o: { a: number; b: number; run(): void }) {\n  o.a = 1;\n  o.run();\n}\n';
    expect(mutants(wrongProperty, other, 'o.a')).toEqual([]);
    expect(mutants(wrongProperty, other, 'o.run')).toEqual([]);
  });
});

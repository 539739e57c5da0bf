import { describe, expect, it } from 'vitest';
import { wrongCallee } from '../../../src/suggest/repair/operators/wrong-callee.ts';
import { mutants } from './context.ts';

describe('wrong-callee', () => {
  it("redirects a call to the file's other functions with as many parameters", () => {
    const source = [
      'function formatDate(d: Date) { return d.toISOString().slice(0, 10); }',
      'const formatTime = (d: Date) => d.toISOString().slice(11, 19);',
      'function pad(n: number, width: number) { return String(n).padStart(width, "0"); }',
      'export function stamp(d: Date) {',
      '  return formatDate(d);',
      '}',
      '',
    ].join('\n');
    expect(mutants(wrongCallee, source, 'return formatDate')).toEqual([
      source.replace('return formatDate(d)', 'return formatTime(d)'),
      source.replace('return formatDate(d)', 'return stamp(d)'),
    ]);
  });

  it('leaves calls to functions of other modules alone', () => {
    expect(mutants(wrongCallee, 'function f(x: number) {\n  return other(x);\n}\n', 'return')).toEqual([]);
  });
});

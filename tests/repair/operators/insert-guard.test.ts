import { describe, expect, it } from 'vitest';
import { insertGuard } from '../../../src/suggest/repair/operators/insert-guard.ts';
import { editsAt, mutants } from './context.ts';

describe('insert-guard', () => {
  it('adds a dropped null check, returning the empty value of the declared return type first', () => {
    const source = 'export function displayName(user: { name: string } | null): string {\n  return user.name.trim();\n}\n';
    const results = mutants(insertGuard, source, 'return user');
    expect(results[0]).toBe(source.replace('  return user.name', "  if (user.name == null) return '';\n  return user.name"));
    expect(results).toContain(source.replace('  return user.name', "  if (user == null) return '';\n  return user.name"));
    expect(editsAt(insertGuard, source, 'return user')[0]!.description).toBe(
      "insert `if (user.name == null) return '';` before src/example.ts:2",
    );
  });

  it('guards a zero divisor as a guard clause at the top of the block, with `Math.abs(x)` tested as `x`', () => {
    const source =
      'function change(before: number, after: number) {\n  const delta = after - before;\n  return (delta / Math.abs(before)) * 100;\n}\n';
    const results = mutants(insertGuard, source, 'return (delta');
    // The function evidently returns a number: 0 first.
    expect(results[0]).toBe(source.replace('  const delta', '  if (before === 0) return 0;\n  const delta'));
    expect(results).toContain(source.replace('  const delta', '  if (before === 0) return null;\n  const delta'));
  });

  it('places the guard after the statement that gives the variable its value', () => {
    const source = 'function avg(load: () => number[]) {\n  const values = load();\n  const n = 1;\n  return n / values.length;\n}\n';
    expect(mutants(insertGuard, source, 'return n')[0]).toBe(
      source.replace('  const n = 1;', '  if (values.length === 0) return 0;\n  const n = 1;'),
    );
  });

  it('offers `continue` inside a loop, and returns literals the function already returns', () => {
    const source =
      "function names(users: Array<{ name?: string }>) {\n  for (const u of users) {\n    console.log(u.name.length);\n  }\n  return 'done';\n}\n";
    const statements = editsAt(insertGuard, source, 'console.log').map((e) => e.replacement.trim());
    expect(statements).toEqual([
      "if (u.name == null) return 'done';",
      'if (u.name == null) return;',
      'if (u.name == null) return null;',
      'if (u.name == null) continue;',
      "if (u == null) return 'done';",
      'if (u == null) return;',
      'if (u == null) return null;',
      'if (u == null) continue;',
    ]);
  });

  it('never guards outside a function or where no statement can be inserted', () => {
    expect(mutants(insertGuard, 'const n = config.items.length;\n', 'const n')).toEqual([]);
    expect(mutants(insertGuard, 'function f(o: { a: number }) {\n  if (o) return o.a;\n}\n', 'return o.a')).toEqual([]);
  });
});

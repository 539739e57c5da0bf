import { describe, expect, it } from 'vitest';
import { widenCondition } from '../../../src/suggest/repair/operators/widen-condition.ts';
import { mutants } from './context.ts';

describe('widen-condition', () => {
  it('adds the case a condition dropped, from the values the file compares the same subject with', () => {
    const source = [
      'class Order {',
      "  state = 'new';",
      "  cancel() { if (this.state === 'delivered') throw new Error('late'); this.state = 'cancelled'; }",
      '  isFinal() {',
      "    return this.state === 'delivered';",
      '  }',
      '}',
      '',
    ].join('\n');
    const results = mutants(widenCondition, source, 'return this.state');
    // The value assigned to the same subject comes first; the file's other strings after it.
    expect(results[0]).toBe(
      source.replace("return this.state === 'delivered';", "return this.state === 'delivered' || this.state === 'cancelled';"),
    );
    expect(results).toHaveLength(3);
  });

  it('widens `!==` with `&&`', () => {
    const source = 'function f(code: number) {\n  if (code === 404) return 1;\n  return code !== 200;\n}\n';
    expect(mutants(widenCondition, source, 'return code')).toEqual([
      source.replace('code !== 200;', 'code !== 200 && code !== 404;'),
      source.replace('code !== 200;', 'code !== 200 && code !== 1;'),
    ]);
  });
});

// Small projects the cases start from, as file trees. The buggy one is examples/buggy's paginate
// module and its tests (one bug, two of six tests fail, the repair engine fixes it in one cycle).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.ts';
import type { Files } from './scratch.ts';

const BUGGY = join(ROOT, 'examples/buggy');

export const packageJson = (test: string | undefined = 'vitest run', extra: Record<string, unknown> = {}): string =>
  `${JSON.stringify({ name: 'bench-project', private: true, type: 'module', ...(test !== undefined && { scripts: { test } }), ...extra }, null, 2)}\n`;

/** The paginate bug under the module name `name` (distinct names tell concurrent runs' events apart). */
export function paginateFiles(name = 'paginate'): Files {
  const source = readFileSync(join(BUGGY, 'src/paginate.ts'), 'utf8');
  const tests = readFileSync(join(BUGGY, 'tests/paginate.test.ts'), 'utf8').replace("'../src/paginate.ts'", `'../src/${name}.ts'`);
  return { 'package.json': packageJson(), [`src/${name}.ts`]: source, [`tests/${name}.test.ts`]: tests };
}

/** A project whose suite already passes. */
export function greenFiles(name = 'total'): Files {
  return {
    'package.json': packageJson(),
    [`src/${name}.ts`]: 'export function total(values: number[]): number {\n  return values.reduce((sum, value) => sum + value, 0);\n}\n',
    [`tests/${name}.test.ts`]: `import { expect, it } from 'vitest';\nimport { total } from '../src/${name}.ts';\n\nit('adds', () => expect(total([1, 2, 3])).toBe(6));\nit('is 0 for nothing', () => expect(total([])).toBe(0));\n`,
  };
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listFunctions } from '../../src/analysis/functions.ts';
import { parseSource } from '../../src/analysis/parse-source.ts';
import { analyzeQuality, cyclomaticComplexity, findDuplicates } from '../../src/analysis/quality.ts';

const complexityOf = (source: string) => {
  const [fn] = listFunctions(parseSource('src/x.ts', source));
  if (!fn) throw new Error('no function in source');
  return cyclomaticComplexity(fn.node);
};

/** A function with `branches` if statements, each a decision point. */
function branchy(name: string, branches: number): string {
  const body = Array.from({ length: branches }, (_, i) => `  if (x === ${i}) return ${i * 2};`).join('\n');
  return `export function ${name}(x: number): number {\n${body}\n  return -1;\n}\n`;
}

describe('cyclomaticComplexity', () => {
  it('counts one plus each branch, loop, case, catch and short-circuit', () => {
    expect(complexityOf('function f() { return 1; }')).toBe(1);
    expect(complexityOf('function f(a: boolean, b: boolean) { if (a && b) return 1; return a ? 2 : 3; }')).toBe(4);
    expect(
      complexityOf(
        'function f(k: string, xs: number[]) { for (const x of xs) { while (x) {} } switch (k) { case "a": break; case "b": break; default: } try {} catch {} return k ?? "z"; }',
      ),
    ).toBe(7);
  });

  it('leaves nested functions to themselves', () => {
    expect(complexityOf('function outer(xs: number[]) { return xs.map((x) => (x > 0 ? x : -x)); }')).toBe(1);
  });
});

describe('analyzeQuality', () => {
  it('reports functions over the complexity and length thresholds at their line, as low priority', () => {
    const files = new Map([['src/rules.ts', `export const ok = 1;\n${branchy('classify', 12)}${branchy('small', 3)}`]]);
    const findings = analyzeQuality({ files, thresholds: { functionLines: 12 } });
    expect(findings.map((finding) => finding.id)).toEqual(['quality:complexity:src/rules.ts:2', 'quality:long-function:src/rules.ts:2']);
    expect(findings[0]).toMatchObject({ category: 'quality', priority: 'low', location: { file: 'src/rules.ts', line: 2 } });
    expect(findings[0]?.message).toContain('complexity 13');
  });

  it('finds a block copied across files with its names changed', () => {
    const block = (name: string, field: string) =>
      [
        `export function ${name}(items: Array<{ ${field}: number; tag: string }>, limit: number) {`,
        '  const out: string[] = [];',
        '  for (const item of items) {',
        `    if (item.${field} > limit && item.tag !== 'x') {`,
        `      out.push(item.tag + ':' + String(item.${field} * 2));`,
        '    } else if (item.tag.length > 3) {',
        `      out.push(item.tag.slice(0, 3) + String(item.${field}));`,
        '    }',
        '  }',
        '  return out.sort().join(",");',
        '}',
      ].join('\n');
    const files = new Map([
      ['src/a.ts', `import { z } from 'zod';\n\n${block('summarize', 'score')}\n`],
      ['src/b.ts', `export const VERSION = 2;\n${block('describeAll', 'weight')}\n`],
      ['src/c.ts', 'export function unrelated(n: number) {\n  return n * 2;\n}\n'],
    ]);
    const clones = findDuplicates(files);
    expect(clones).toEqual([{ a: { file: 'src/a.ts', from: 3, to: 13 }, b: { file: 'src/b.ts', from: 2, to: 12 } }]);
    const [finding] = analyzeQuality({ files }).filter((f) => f.id.startsWith('quality:duplicate'));
    expect(finding).toMatchObject({ priority: 'low', location: { file: 'src/b.ts', line: 2 } });
  });

  it('reports changed lines no test runs, only when coverage is supplied', () => {
    const files = new Map([['src/a.ts', 'export const a = 1;\n']]);
    const coverage = [{ file: 'src/a.ts', uncoveredLines: [4, 5, 9] }];
    const changed = [
      { file: 'src/a.ts', lines: [3, 4, 5] },
      { file: 'src/b.ts', lines: [1] },
    ];
    expect(analyzeQuality({ files, changed })).toEqual([]);
    const findings = analyzeQuality({ files, coverage, changed });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ id: 'quality:coverage-gap:src/a.ts', location: { file: 'src/a.ts', line: 4 } });
    expect(findings[0]?.evidence).toContain('4, 5');
  });

  it('has nothing to say about the small, distinct functions of examples/green and examples/slow', () => {
    const read = (dir: string, files: string[]) => files.map((file) => [file, readFileSync(`${dir}/${file}`, 'utf8')] as const);
    expect(analyzeQuality({ files: new Map(read('examples/green', ['src/numbers.ts', 'src/text.ts'])) })).toEqual([]);
    expect(analyzeQuality({ files: new Map(read('examples/slow', ['src/events.ts', 'src/ingest.ts'])) })).toEqual([]);
  });
});

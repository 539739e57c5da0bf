import { describe, expect, it } from 'vitest';
import type { Edit } from '../../../src/contract/edit.ts';
import { generateCandidates, generateFollowUpCandidates } from '../../../src/suggest/repair/generate-candidates.ts';
import { localizeFaults } from '../../../src/suggest/repair/localize/localize.ts';
import type { SuspiciousLocation } from '../../../src/suggest/repair/localize/suspicious-location.ts';
import { logicalOperator } from '../../../src/suggest/repair/operators/logical-operator.ts';
import { negateCondition } from '../../../src/suggest/repair/operators/negate-condition.ts';
import { type RepairOperator, spanEdit } from '../../../src/suggest/repair/operators/operator.ts';
import { relationalOperator } from '../../../src/suggest/repair/operators/relational-operator.ts';
import { unaryOperator } from '../../../src/suggest/repair/operators/unary-operator.ts';

/** Applies search/replace edits one after the other, as the patcher does (each search must occur once). */
function applyEdits(files: ReadonlyMap<string, string>, edits: readonly Edit[]): Map<string, string> {
  const result = new Map(files);
  for (const edit of edits) {
    const text = result.get(edit.file)!;
    const at = text.indexOf(edit.search);
    expect(at, `search not found: ${edit.search}`).toBeGreaterThanOrEqual(0);
    expect(text.indexOf(edit.search, at + 1), `search not unique: ${edit.search}`).toBe(-1);
    result.set(edit.file, text.slice(0, at) + edit.replace + text.slice(at + edit.search.length));
  }
  return result;
}

/** Locations of the given 1-based lines of one file, as localization would give them. */
function linesOf(files: ReadonlyMap<string, string>, file: string, scores: Record<number, number>): SuspiciousLocation[] {
  return localizeFaults({
    files,
    coverage: Object.entries(scores).map(([line, _score]) => ({
      testId: `line ${line}`,
      passed: false,
      lines: { [file]: [Number(line)] },
    })),
  }).map((location) => ({ ...location, score: scores[location.line] ?? 0 }));
}

const paginate = [
  'export function paginate<T>(items: T[], page: number, size: number): T[] {',
  '  const start = page * size;',
  '  return items.slice(start, start + size);',
  '}',
  '',
  'export function isLast(page: number, pages: number): boolean {',
  '  return page < pages;',
  '}',
  '',
].join('\n');
const files = new Map([['src/paginate.ts', paginate]]);

describe('generateCandidates', () => {
  it('orders by suspiciousness x operator prior x edit weight', () => {
    const suspicious = linesOf(files, 'src/paginate.ts', { 2: 0.5, 7: 0.9 });
    const candidates = generateCandidates({ files, suspicious, operators: [relationalOperator, unaryOperator] });
    expect(candidates.map((c) => [c.description, Number(c.score.toFixed(3))])).toEqual([
      ['replace `<` with `<=` at src/paginate.ts:7', 0.9],
      ['replace `<` with `>` at src/paginate.ts:7', 0.36],
      ['replace `<` with `>=` at src/paginate.ts:7', 0.27],
    ]);
    const scores = candidates.map((c) => c.score);
    expect(scores).toEqual(scores.toSorted((a, b) => b - a));
  });

  it('finds the classic pagination fix among its first candidates, as a unique search/replace edit', () => {
    const suspicious = linesOf(files, 'src/paginate.ts', { 1: 1, 2: 1, 3: 1 });
    const candidates = generateCandidates({ files, suspicious, maxCandidates: 20 });
    const fixed = paginate.replace('page * size', '(page - 1) * size');
    const fix = candidates.find((c) => c.patched['src/paginate.ts'] === fixed);
    expect(fix).toBeDefined();
    expect(fix!.operator).toBe('bounds');
    expect(fix!.edits).toEqual([
      { file: 'src/paginate.ts', search: '  const start = page * size;', replace: '  const start = (page - 1) * size;' },
    ]);
    expect(applyEdits(files, fix!.edits).get('src/paginate.ts')).toBe(fixed);
  });

  it('widens an edit search to neighbouring lines until it is unique in the file', () => {
    const twice = new Map([['src/a.ts', 'function a(x: number) {\n  return x < 1;\n}\nfunction b(x: number) {\n  return x < 1;\n}\n']]);
    const suspicious = linesOf(twice, 'src/a.ts', { 5: 1 });
    const [first] = generateCandidates({ files: twice, suspicious, operators: [relationalOperator] });
    expect(first!.edits[0]!.search).toBe('function b(x: number) {\n  return x < 1;');
    expect(applyEdits(twice, first!.edits).get('src/a.ts')).toBe(first!.patched['src/a.ts']);
  });

  it('keeps one candidate per resulting text, the best scored', () => {
    const source = new Map([['src/f.ts', 'export function f(ok: boolean) {\n  if (!ok) return 1;\n  return 2;\n}\n']]);
    const suspicious = linesOf(source, 'src/f.ts', { 2: 1 });
    const candidates = generateCandidates({ files: source, suspicious, operators: [negateCondition, unaryOperator] });
    const texts = candidates.map((c) => c.patched['src/f.ts']);
    expect(new Set(texts).size).toBe(texts.length);
    // negate-condition (0.7) and unary-operator (0.6) both drop the `!`: the first one wins.
    expect(candidates.filter((c) => c.patched['src/f.ts']!.includes('if (ok)')).map((c) => c.operator)).toEqual(['negate-condition']);
  });

  it('drops candidates that do not parse, including `??` mixed with `||` (legal to the parser, not to Node)', () => {
    const source = new Map([['src/f.ts', 'export function f(a: number, b: number, c: boolean) {\n  return a || b && c;\n}\n']]);
    const suspicious = linesOf(source, 'src/f.ts', { 2: 1 });
    const broken: RepairOperator = {
      name: 'broken',
      prior: 1,
      apply: (context) => [spanEdit(context, context.unit.getStart(), context.unit.getStart() + 6, 'return (')],
    };
    const candidates = generateCandidates({ files: source, suspicious, operators: [broken, logicalOperator] });
    expect(candidates.map((c) => c.description)).toEqual(['replace `||` with `&&` at src/f.ts:2', 'replace `&&` with `||` at src/f.ts:2']);
  });

  it('never edits test files, even when told they are suspicious', () => {
    const withTest = new Map([...files, ['tests/paginate.test.ts', "it('x', () => {\n  expect(1 < 2).toBe(true);\n});\n"]]);
    const suspicious: SuspiciousLocation[] = [
      {
        file: 'tests/paginate.test.ts',
        line: 1,
        start: 0,
        end: withTest.get('tests/paginate.test.ts')!.length - 1,
        score: 1,
        evidence: { ochiai: 1 },
      },
    ];
    expect(generateCandidates({ files: withTest, suspicious })).toEqual([]);
  });

  it('uses per-operator priors: 0 disables an operator, a higher prior moves it up', () => {
    const suspicious = linesOf(files, 'src/paginate.ts', { 7: 1 });
    const disabled = generateCandidates({ files, suspicious, priors: { 'relational-operator': 0 } });
    expect(disabled.some((c) => c.operator === 'relational-operator')).toBe(false);
    const boosted = generateCandidates({ files, suspicious, priors: { 'wrong-variable': 5 } });
    expect(boosted[0]!.operator).toBe('wrong-variable');
  });

  it('stops at maxCandidates and skips excluded ids', () => {
    const suspicious = linesOf(files, 'src/paginate.ts', { 2: 1, 3: 1, 7: 1 });
    const all = generateCandidates({ files, suspicious });
    const three = generateCandidates({ files, suspicious, maxCandidates: 3 });
    expect(three.map((c) => c.id)).toEqual(all.slice(0, 3).map((c) => c.id));
    const rest = generateCandidates({ files, suspicious, maxCandidates: 3, exclude: new Set(three.map((c) => c.id)) });
    expect(rest.map((c) => c.id)).toEqual(all.slice(3, 6).map((c) => c.id));
  });
});

describe('generateFollowUpCandidates', () => {
  const source = [
    'export function window(items: number[], from: number, to: number) {',
    '  const start = from + 1;',
    '  if (start < 0) {',
    '    return [];',
    '  }',
    '  return items.slice(start, to - 1);',
    '}',
    '',
  ].join('\n');
  const two = new Map([['src/window.ts', source]]);
  const suspicious = linesOf(two, 'src/window.ts', { 2: 1, 6: 1 });

  it('adds a second edit on top of a first that made progress, both as edits that apply in order', () => {
    const fixed = source.replace('from + 1', 'from').replace('to - 1', 'to');
    const first = generateCandidates({ files: two, suspicious }).find(
      (c) => c.patched['src/window.ts'] === source.replace('from + 1', 'from'),
    )!;
    expect(first).toBeDefined();
    const followUps = generateFollowUpCandidates({ files: two, first, suspicious });
    const both = followUps.find((c) => c.patched['src/window.ts'] === fixed);
    expect(both).toBeDefined();
    expect(both!.operator).toBe('bounds+bounds');
    expect(both!.edits).toHaveLength(2);
    expect(applyEdits(two, both!.edits).get('src/window.ts')).toBe(fixed);
    expect(followUps.length).toBeLessThanOrEqual(30);
  });

  it('follows localization across a first edit that adds lines, and never undoes the first edit', () => {
    const guard = generateCandidates({ files: two, suspicious }).find((c) => c.operator === 'insert-guard')!;
    expect(guard.patched['src/window.ts']!.split('\n').length).toBe(source.split('\n').length + 1);
    const followUps = generateFollowUpCandidates({ files: two, first: guard, suspicious, maxCandidates: 200 });
    const slice = followUps.find((c) => c.patched['src/window.ts']!.includes('items.slice(start, to)'));
    expect(slice).toBeDefined();
    expect(followUps.some((c) => c.patched['src/window.ts'] === source)).toBe(false);
    expect(followUps.every((c) => c.patched['src/window.ts']!.includes(guard.spans[0]!.replacement.trim()))).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeErrorHandling, errorHandlingAnalyzer } from '../../src/analysis/error-handling.ts';
import { qualityAnalyzer } from '../../src/analysis/quality.ts';
import type { Finding } from '../../src/contract/finding.ts';
import { createLocalSandbox } from '../../src/sandbox/local.ts';
import type { TestReport } from '../../src/testing/report.ts';
import { reportOf } from './report-of.ts';

function analyze(source: string, report?: TestReport): Finding[] {
  const files = new Map([['src/app.ts', source]]);
  return analyzeErrorHandling(report ? { files, report } : { files });
}

const rules = (findings: Finding[]) => findings.map((finding) => `${finding.id.split(':')[1]}@${finding.location?.line}`);

describe('analyzeErrorHandling', () => {
  it('flags empty catches and catches that drop the error, not ones that use or rethrow it', () => {
    const source = [
      'export function a(f: () => void) { try { f(); } catch {} }',
      'export function b(f: () => void) { try { f(); } catch (e) { return 1; } return 0; }',
      'export function c(f: () => void) { try { f(); } catch (e) { console.error(e); } }',
      'export function d(f: () => void) { try { f(); } catch { throw new Error("wrapped"); } }',
      'export function e(f: () => void) { try { f(); } catch (err) { const g = () => { throw err; }; } }',
    ].join('\n');
    expect(rules(analyze(source))).toEqual(['empty-catch@1', 'swallowed-error@2']);
  });

  it('flags promises that are neither awaited nor handled, typed by the checker', () => {
    const source = [
      'async function save(x: number): Promise<void> {}',
      'function sync(): number { return 1; }',
      'export async function run(list: number[]) {',
      '  save(1);',
      '  sync();',
      '  await save(2);',
      '  void save(3);',
      '  save(4).catch(() => undefined);',
      '  save(5).then(() => 1);',
      '  save(6).then(() => 1, () => 2);',
      '  const kept = save(7);',
      '  await kept;',
      '}',
      'run([]);',
    ].join('\n');
    const found = analyze(source);
    expect(rules(found)).toEqual(['floating-promise@4', 'floating-promise@9', 'unhandled-async-entry@14']);
    expect(found.every((finding) => finding.priority === 'high')).toBe(true);
  });

  it('flags promises used as their value (missing await)', () => {
    const source = [
      'async function isAllowed(): Promise<boolean> { return true; }',
      'async function count(): Promise<number> { return 1; }',
      'export async function gate() {',
      '  if (isAllowed()) return 1;',
      '  const total = count() + 1;',
      '  const fine = (await count()) + 1;',
      '  const later = count();',
      '  return `${count()}` + String(total + fine) + String(await later);',
      '}',
    ].join('\n');
    expect(rules(analyze(source))).toEqual(['missing-await@4', 'missing-await@5', 'missing-await@8']);
  });

  it('flags throws of strings, numbers and plain objects but not of errors', () => {
    const source = [
      'export function a() { throw "nope"; }',
      'export function b() { throw 42; }',
      'export function c() { throw { code: 1 }; }',
      'export function d(message: string) { throw message; }',
      'export function e() { throw new TypeError("fine"); }',
      'export function f(error: Error) { throw error; }',
    ].join('\n');
    expect(rules(analyze(source))).toEqual(['throw-non-error@1', 'throw-non-error@2', 'throw-non-error@3', 'throw-non-error@4']);
  });

  it('flags JSON.parse outside a try block only', () => {
    const source = [
      'export function a(text: string) { return JSON.parse(text); }',
      'export function b(text: string) { try { return JSON.parse(text); } catch (e) { return String(e); } }',
      'export function c(lines: string[]) { try { return lines.map((l) => JSON.parse(l)); } catch (e) { throw new Error("bad", { cause: e }); } }',
    ].join('\n');
    expect(rules(analyze(source))).toEqual(['unchecked-json-parse@1']);
  });

  it('flags an array element used as an object only when nothing checks the length', () => {
    const source = [
      'interface Row { id: number }',
      'export function a(rows: Row[]) { return rows[0].id; }',
      'export function b(rows: Row[]) { if (rows.length === 0) return 0; return rows[0].id; }',
      'export function c(rows: Row[]) { return rows.length > 0 ? rows[0].id : 0; }',
      'export function d(pair: [Row, Row]) { return pair[0].id; }',
      'export function e(rows: Row[]) { return rows[0]?.id; }',
    ].join('\n');
    expect(rules(analyze(source))).toEqual(['unchecked-index@2']);
  });

  it('follows imports between project files to type calls', () => {
    const files = new Map([
      ['src/store.ts', 'export async function put(key: string): Promise<void> {}'],
      ['src/api.ts', "import { put } from './store.ts';\nexport function handler() {\n  put('k');\n}"],
    ]);
    expect(analyzeErrorHandling({ files }).map((finding) => finding.id)).toEqual(['error-handling:floating-promise:src/api.ts:3:3']);
  });

  it('raises a defect to high when a failing test runs through its function', () => {
    const source = ['export function load(text: string) {', '  const raw = JSON.parse(text);', '  return raw.size;', '}'].join('\n');
    const failingTest = {
      id: 'tests/app.test.ts > load > reads config',
      file: 'tests/app.test.ts',
      namePath: ['load', 'reads config'],
      status: 'failed' as const,
      durationMs: 3,
      failure: { message: 'SyntaxError: Unexpected token', frames: [{ file: 'src/app.ts', line: 2, fn: 'load' }] },
    };
    const report = reportOf([failingTest]);
    expect(analyze(source)[0]?.priority).toBe('medium');
    const [finding] = analyze(source, report);
    expect(finding).toMatchObject({ priority: 'high', tests: [failingTest.id], location: { file: 'src/app.ts', line: 2 } });
    expect(finding?.evidence).toContain('SyntaxError: Unexpected token');
  });

  it('reports the weak error handling of examples/slow with locations', () => {
    const files = new Map(['src/events.ts', 'src/ingest.ts'].map((file) => [file, readFileSync(`examples/slow/${file}`, 'utf8')]));
    const found = analyzeErrorHandling({ files });
    expect(found.map((finding) => [finding.id, finding.priority])).toEqual([
      ['error-handling:unchecked-json-parse:src/ingest.ts:9:15', 'medium'],
      ['error-handling:throw-non-error:src/ingest.ts:16:80', 'medium'],
      ['error-handling:empty-catch:src/ingest.ts:18:5', 'medium'],
      ['error-handling:floating-promise:src/ingest.ts:41:5', 'high'],
    ]);
    expect(found[3]?.message).toContain('in flush');
  });

  it('finds nothing in the well-behaved examples/green', () => {
    const files = new Map(['src/numbers.ts', 'src/text.ts'].map((file) => [file, readFileSync(`examples/green/${file}`, 'utf8')]));
    expect(analyzeErrorHandling({ files })).toEqual([]);
  });

  it('reads the sources (not the tests) from a sandbox when run as an analyzer', async () => {
    const sandbox = await createLocalSandbox({ projectDir: 'examples/slow' });
    try {
      await sandbox.writeFile('tests/helpers.ts', 'export function f() { try { g(); } catch {} }\ndeclare function g(): void;\n');
      await sandbox.writeFile('vitest.config.ts', 'export default JSON.parse("{}");\n');
      const report = reportOf([]);
      const found = await errorHandlingAnalyzer.analyze({ report, sandbox });
      expect(found.map((finding) => finding.location?.file)).toEqual(['src/ingest.ts', 'src/ingest.ts', 'src/ingest.ts', 'src/ingest.ts']);
      expect(await qualityAnalyzer.analyze({ report, sandbox })).toEqual([]);
      expect(await errorHandlingAnalyzer.analyze({ report })).toEqual([]);
    } finally {
      await sandbox.destroy();
    }
  });
});

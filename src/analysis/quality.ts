import ts from 'typescript';
import { z } from 'zod';
import type { Finding } from '../contract/finding.ts';
import type { Analyzer, SourceContext } from './analyzer.ts';
import { type FunctionInfo, listFunctions } from './functions.ts';
import { createMemo } from './memo.ts';
import { lineOf, parseSource, scriptKindOf } from './parse-source.ts';
import { sourceSnapshot } from './sources.ts';

export interface QualityThresholds {
  /** McCabe's original advice: above 10 a function is hard to test fully. */
  complexity: number;
  /** Lines from a function's first line to its last. */
  functionLines: number;
  /** Normalized tokens a repeated stretch needs before it counts as a duplicate (CPD's default is 100). */
  duplicateTokens: number;
  /** ...and the source lines it must span, so long one-liners of punctuation do not count. */
  duplicateLines: number;
}

const DEFAULT_QUALITY_THRESHOLDS: QualityThresholds = {
  complexity: 10,
  functionLines: 60,
  duplicateTokens: 60,
  duplicateLines: 6,
};

/** Lines not run by the tests, per file (e.g. from istanbul's or v8's coverage, reduced). */
export const CoverageSchema = z.array(z.object({ file: z.string(), uncoveredLines: z.array(z.number().int()) }));
/** Lines a change touched, per file. */
export const ChangedLinesSchema = z.array(z.object({ file: z.string(), lines: z.array(z.number().int()) }));

export interface QualityInput {
  files: ReadonlyMap<string, string>;
  thresholds?: Partial<QualityThresholds>;
  coverage?: z.infer<typeof CoverageSchema>;
  changed?: z.infer<typeof ChangedLinesSchema>;
}

/** Low findings: complex or long functions, duplicated code, changed lines no test runs. */
export function analyzeQuality({ files, thresholds, coverage, changed }: QualityInput): Finding[] {
  const limits = { ...DEFAULT_QUALITY_THRESHOLDS, ...thresholds };
  const findings: Finding[] = [];
  for (const [file, text] of files) {
    for (const fn of listFunctions(parseSource(file, text))) {
      findings.push(...functionFindings(file, fn, limits));
    }
  }
  findings.push(...duplicateFindings(files, limits));
  if (coverage && changed) findings.push(...coverageGapFindings(coverage, changed));
  return findings;
}

/** The default analysis by the digest of the sources it was made of. */
const findingsByContents = createMemo<Finding[]>(16);

async function defaultQuality({ sandbox, contentsKey }: SourceContext): Promise<Finding[]> {
  const snapshot = await sourceSnapshot(sandbox, contentsKey);
  return findingsByContents.get(snapshot.digest, () => analyzeQuality({ files: snapshot.files }));
}

/**
 * Reads the sources from the analysis sandbox (without one there is nothing to read); sources
 * already analyzed are not analyzed again: the findings depend on nothing else.
 */
export const qualityAnalyzer: Analyzer = {
  name: 'quality',
  analyze: async ({ sandbox, contentsKey }) => (sandbox ? [...(await defaultQuality({ sandbox, contentsKey }))] : []),
  prepare: async (context) => {
    await defaultQuality(context);
  },
};

function functionFindings(file: string, fn: FunctionInfo, limits: QualityThresholds): Finding[] {
  const findings: Finding[] = [];
  const name = fn.name || '(anonymous)';
  const complexity = cyclomaticComplexity(fn.node);
  if (complexity > limits.complexity) {
    findings.push({
      id: `quality:complexity:${file}:${fn.line}`,
      category: 'quality',
      priority: 'low',
      message: `${name} has cyclomatic complexity ${complexity} (over ${limits.complexity}) (${file}:${fn.line})`,
      location: { file, line: fn.line },
      tests: [],
      evidence: `${complexity} independent paths through ${name}; split it into smaller functions.`,
    });
  }
  const lines = fn.endLine - fn.line + 1;
  if (lines > limits.functionLines) {
    findings.push({
      id: `quality:long-function:${file}:${fn.line}`,
      category: 'quality',
      priority: 'low',
      message: `${name} is ${lines} lines long (over ${limits.functionLines}) (${file}:${fn.line})`,
      location: { file, line: fn.line },
      tests: [],
      evidence: `${name} spans ${file}:${fn.line}-${fn.endLine}.`,
    });
  }
  return findings;
}

/**
 * McCabe's number: one plus each decision point. Nested functions count on their own, not in
 * their parent.
 */
export function cyclomaticComplexity(fn: ts.SignatureDeclaration): number {
  let complexity = 1;
  const visit = (node: ts.Node): void => {
    if (node !== fn && ts.isFunctionLike(node)) return;
    switch (node.kind) {
      case ts.SyntaxKind.IfStatement:
      case ts.SyntaxKind.ConditionalExpression:
      case ts.SyntaxKind.ForStatement:
      case ts.SyntaxKind.ForInStatement:
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement:
      case ts.SyntaxKind.CatchClause:
      case ts.SyntaxKind.CaseClause:
        complexity++;
        break;
      case ts.SyntaxKind.BinaryExpression: {
        const operator = (node as ts.BinaryExpression).operatorToken.kind;
        if (
          operator === ts.SyntaxKind.AmpersandAmpersandToken ||
          operator === ts.SyntaxKind.BarBarToken ||
          operator === ts.SyntaxKind.QuestionQuestionToken
        ) {
          complexity++;
        }
        break;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return complexity;
}

interface Token {
  text: string;
  line: number;
}

/**
 * Tokens with names and literals replaced by placeholders, so code copied and then renamed still
 * matches (the way PMD's CPD and jscpd detect clones). Import lines are left out: every module
 * starts with a similar run of them.
 */
function normalizedTokens(file: string, text: string): Token[] {
  const sourceFile = parseSource(file, text);
  const importLines = new Set<number>();
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) || (ts.isExportDeclaration(statement) && statement.moduleSpecifier)) {
      for (let line = lineOf(sourceFile, statement.getStart()); line <= lineOf(sourceFile, statement.getEnd()); line++) {
        importLines.add(line);
      }
    }
  }
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    true,
    scriptKindOf(file) === ts.ScriptKind.TSX ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard,
    text,
  );
  const tokens: Token[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const line = lineOf(sourceFile, scanner.getTokenStart());
    if (importLines.has(line)) continue;
    tokens.push({ text: placeholder(kind, scanner.getTokenText()), line });
  }
  return tokens;
}

function placeholder(kind: ts.SyntaxKind, text: string): string {
  if (kind === ts.SyntaxKind.Identifier || kind === ts.SyntaxKind.PrivateIdentifier) return '$id';
  if (kind >= ts.SyntaxKind.FirstLiteralToken && kind <= ts.SyntaxKind.LastLiteralToken) return '$lit';
  if (kind >= ts.SyntaxKind.FirstTemplateToken && kind <= ts.SyntaxKind.LastTemplateToken) return '$lit';
  return text;
}

interface Clone {
  a: { file: string; from: number; to: number };
  b: { file: string; from: number; to: number };
}

/**
 * Stretches of at least `duplicateTokens` normalized tokens that occur twice, grown to full length.
 * Windows are found by a rolling hash (Rabin-Karp) and confirmed token by token.
 */
export function findDuplicates(files: ReadonlyMap<string, string>, limits: QualityThresholds = DEFAULT_QUALITY_THRESHOLDS): Clone[] {
  const tokensByFile = new Map([...files].map(([file, text]) => [file, normalizedTokens(file, text)]));
  const interned = new Map<string, number>();
  const idsByFile = new Map(
    [...tokensByFile].map(([file, tokens]) => [
      file,
      tokens.map((token) => {
        if (!interned.has(token.text)) interned.set(token.text, interned.size + 1);
        return interned.get(token.text) as number;
      }),
    ]),
  );
  const window = limits.duplicateTokens;
  const firstSeen = new Map<number, { file: string; index: number }>();
  const clones: Clone[] = [];
  /** Per file, the token index up to which a reported clone already reaches (no overlapping reports). */
  const coveredUntil = new Map<string, number>();
  for (const [file, tokens] of tokensByFile) {
    const ids = idsByFile.get(file) ?? [];
    for (const [index, key] of windowHashes(ids, window)) {
      const earlier = firstSeen.get(key);
      if (!earlier) {
        firstSeen.set(key, { file, index });
        continue;
      }
      if (index < (coveredUntil.get(file) ?? 0)) continue;
      if (earlier.file === file && earlier.index + window > index) continue; // overlaps itself
      const otherIds = idsByFile.get(earlier.file) ?? [];
      if (!sameRun(ids, index, otherIds, earlier.index, window)) continue; // a hash collision
      let length = window;
      while (
        index + length < ids.length &&
        earlier.index + length < otherIds.length &&
        (earlier.file !== file || earlier.index + length < index) &&
        ids[index + length] === otherIds[earlier.index + length]
      ) {
        length++;
      }
      const a = span(earlier.file, tokensByFile.get(earlier.file) ?? [], earlier.index, length);
      const b = span(file, tokens, index, length);
      coveredUntil.set(file, index + length);
      if (b.to - b.from + 1 >= limits.duplicateLines) clones.push({ a, b });
    }
  }
  return clones;
}

const HASH_BASE = 1_000_003;

/** [start index, 32-bit hash] of every window of `size` ids, each from the previous in O(1). */
function* windowHashes(ids: readonly number[], size: number): Generator<[number, number]> {
  if (ids.length < size) return;
  let top = 1; // HASH_BASE ** (size - 1), wrapped to 32 bits
  for (let i = 1; i < size; i++) top = Math.imul(top, HASH_BASE);
  let hash = 0;
  for (let i = 0; i < size; i++) hash = (Math.imul(hash, HASH_BASE) + (ids[i] ?? 0)) | 0;
  yield [0, hash];
  for (let start = 1; start + size <= ids.length; start++) {
    hash = (Math.imul(hash - Math.imul(ids[start - 1] ?? 0, top), HASH_BASE) + (ids[start + size - 1] ?? 0)) | 0;
    yield [start, hash];
  }
}

function sameRun(a: readonly number[], from: number, b: readonly number[], otherFrom: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[from + i] !== b[otherFrom + i]) return false;
  return true;
}

function span(file: string, tokens: readonly Token[], index: number, length: number): { file: string; from: number; to: number } {
  return { file, from: tokens[index]?.line ?? 1, to: tokens[index + length - 1]?.line ?? 1 };
}

function duplicateFindings(files: ReadonlyMap<string, string>, limits: QualityThresholds): Finding[] {
  return findDuplicates(files, limits).map(({ a, b }) => ({
    id: `quality:duplicate:${b.file}:${b.from}`,
    category: 'quality',
    priority: 'low',
    message: `${b.file}:${b.from}-${b.to} repeats ${a.file}:${a.from}-${a.to}`,
    location: { file: b.file, line: b.from },
    tests: [],
    evidence: `${b.to - b.from + 1} lines match ${a.file}:${a.from}-${a.to} up to names and literals; extract the shared part.`,
  }));
}

function coverageGapFindings(coverage: z.infer<typeof CoverageSchema>, changed: z.infer<typeof ChangedLinesSchema>): Finding[] {
  const uncovered = new Map(coverage.map((entry) => [entry.file, new Set(entry.uncoveredLines)]));
  return changed.flatMap(({ file, lines }) => {
    const gaps = lines.filter((line) => uncovered.get(file)?.has(line)).sort((a, b) => a - b);
    if (gaps.length === 0) return [];
    return [
      {
        id: `quality:coverage-gap:${file}`,
        category: 'quality' as const,
        priority: 'low' as const,
        message: `${gaps.length} changed line(s) in ${file} are not run by any test (${file}:${gaps[0]})`,
        location: { file, line: gaps[0] },
        tests: [],
        evidence: `Changed lines no test runs: ${gaps.join(', ')}.`,
      },
    ];
  });
}

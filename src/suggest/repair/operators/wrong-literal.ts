import ts from 'typescript';
import { isValueReference } from '../ast/expressions.ts';
import { quoteOf, stringLiteral } from '../ast/style.ts';
import { forEachInRegion } from '../ast/units.ts';
import { nodeEdit, type CandidateEdit, type RepairOperator } from './operator.ts';

const K = ts.SyntaxKind;
const MAX_STRING_SWAPS = 8;
const MAX_STRING_LENGTH = 80;

/** String literals that are values (not module names, keys or directives). */
function isValueString(node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return false;
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent) || ts.isLiteralTypeNode(parent)) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return false;
  if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'require') return false;
  return !(ts.isExpressionStatement(parent) && ts.isSourceFile(parent.parent));
}

const stringsCache = new WeakMap<ts.SourceFile, Array<{ value: string; pos: number }>>();

/** Value strings of the file, nearest to `pos` first. */
function stringPool(sourceFile: ts.SourceFile, pos: number): string[] {
  let strings = stringsCache.get(sourceFile);
  if (!strings) {
    const found: Array<{ value: string; pos: number }> = [];
    const walk = (node: ts.Node): void => {
      if (isValueString(node) && node.text.length <= MAX_STRING_LENGTH) found.push({ value: node.text, pos: node.getStart(sourceFile) });
      ts.forEachChild(node, walk);
    };
    walk(sourceFile);
    stringsCache.set(sourceFile, (strings = found));
  }
  const nearest = strings.toSorted((a, b) => Math.abs(a.pos - pos) - Math.abs(b.pos - pos));
  return [...new Set(nearest.map((entry) => entry.value))];
}

/** Wrong literal: `true` <-> `false`, `null` <-> `undefined`, `''` <-> `' '`, a string swapped for another of the file. */
export const wrongLiteral: RepairOperator = {
  name: 'wrong-literal',
  prior: 0.5,
  apply(context) {
    const edits: CandidateEdit[] = [];
    const quote = quoteOf(context.sourceFile);
    forEachInRegion(context.unit, (node) => {
      if (node.kind === K.TrueKeyword) edits.push(nodeEdit(context, node, 'false'));
      else if (node.kind === K.FalseKeyword) edits.push(nodeEdit(context, node, 'true'));
      else if (node.kind === K.NullKeyword) edits.push(nodeEdit(context, node, 'undefined', 0.6));
      else if (ts.isIdentifier(node) && node.text === 'undefined' && isValueReference(node)) edits.push(nodeEdit(context, node, 'null', 0.6));
      else if (isValueString(node)) {
        const own = node.text;
        const swaps = stringPool(context.sourceFile, node.getStart(context.sourceFile)).filter((value) => value !== own);
        const replacements = [...(own === '' ? [' '] : own === ' ' ? [''] : []), ...swaps].slice(0, MAX_STRING_SWAPS);
        for (const value of replacements) edits.push(nodeEdit(context, node, stringLiteral(value, quote), value.trim() === own.trim() ? 0.8 : 0.6));
      }
    });
    return edits;
  },
};

import ts from 'typescript';

const MAX_STRING_LENGTH = 80;

/** String literals that are values (not module names, keys or directives). */
export function isValueString(node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return false;
  const parent = node.parent;
  if (
    ts.isImportDeclaration(parent) ||
    ts.isExportDeclaration(parent) ||
    ts.isExternalModuleReference(parent) ||
    ts.isLiteralTypeNode(parent)
  )
    return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node)
    return false;
  if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'require') return false;
  return !(ts.isExpressionStatement(parent) && ts.isSourceFile(parent.parent));
}

/** Numeric literals that are values (not keys or literal types). */
export function isValueNumber(node: ts.Node): node is ts.NumericLiteral {
  if (!ts.isNumericLiteral(node)) return false;
  const parent = node.parent;
  return (
    !ts.isLiteralTypeNode(parent) &&
    !((ts.isPropertyAssignment(parent) || ts.isEnumMember(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node)
  );
}

export interface Literal {
  kind: 'string' | 'number';
  value: string;
  pos: number;
  /** The other side and the operator when the literal is compared or combined (`status >=` of `status >= 500`). */
  subject?: { operand: string; operator: ts.SyntaxKind };
}

const literalsCache = new WeakMap<ts.SourceFile, Literal[]>();

function subjectOf(node: ts.Node, sourceFile: ts.SourceFile): Literal['subject'] {
  const parent = node.parent;
  if (!ts.isBinaryExpression(parent)) return undefined;
  return { operand: (parent.left === node ? parent.right : parent.left).getText(sourceFile), operator: parent.operatorToken.kind };
}

function literalsOf(sourceFile: ts.SourceFile): Literal[] {
  let literals = literalsCache.get(sourceFile);
  if (literals) return literals;
  literals = [];
  const found = literals;
  const walk = (node: ts.Node): void => {
    const pos = (): number => node.getStart(sourceFile);
    if (isValueString(node) && node.text.length <= MAX_STRING_LENGTH)
      found.push({ kind: 'string', value: node.text, pos: pos(), subject: subjectOf(node, sourceFile) });
    else if (isValueNumber(node))
      found.push({ kind: 'number', value: node.getText(sourceFile), pos: pos(), subject: subjectOf(node, sourceFile) });
    ts.forEachChild(node, walk);
  };
  walk(sourceFile);
  literalsCache.set(sourceFile, literals);
  return literals;
}

/**
 * Distinct value strings (as their text) or numbers (as written) of the file: first those compared the
 * same way with the same subject as the literal at `node` (`status >= 400` -> the 500 of `status >= 500`),
 * then those with the same subject, each group nearest first.
 */
export function literalPool(sourceFile: ts.SourceFile, kind: Literal['kind'], node: ts.Node): string[] {
  const pos = node.getStart(sourceFile);
  const subject = subjectOf(node, sourceFile);
  const rank = (literal: Literal): number =>
    subject === undefined || literal.subject?.operand !== subject.operand ? 2 : literal.subject.operator === subject.operator ? 0 : 1;
  const ordered = literalsOf(sourceFile)
    .filter((literal) => literal.kind === kind)
    .sort((a, b) => rank(a) - rank(b) || Math.abs(a.pos - pos) - Math.abs(b.pos - pos));
  return [...new Set(ordered.map((literal) => literal.value))];
}

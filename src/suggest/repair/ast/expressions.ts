import ts from 'typescript';

const K = ts.SyntaxKind;

/** Operators that bind more loosely than `+`/`-`: an additive expression needs no parentheses as their operand. */
const LOOSER_THAN_ADDITIVE = new Set([
  K.LessThanToken,
  K.LessThanEqualsToken,
  K.GreaterThanToken,
  K.GreaterThanEqualsToken,
  K.EqualsEqualsToken,
  K.EqualsEqualsEqualsToken,
  K.ExclamationEqualsToken,
  K.ExclamationEqualsEqualsToken,
  K.AmpersandAmpersandToken,
  K.BarBarToken,
  K.QuestionQuestionToken,
  K.CommaToken,
  K.InstanceOfKeyword,
  K.InKeyword,
  K.LessThanLessThanToken,
  K.GreaterThanGreaterThanToken,
  K.GreaterThanGreaterThanGreaterThanToken,
  K.AmpersandToken,
  K.BarToken,
  K.CaretToken,
]);

/** The expression inside any number of parentheses. */
export function unparenthesized(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) ? unparenthesized(node.expression) : node;
}

/** Whether `node` replaced by an additive expression (`node + 1`) must be parenthesized to keep its meaning. */
function additiveNeedsParens(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    if (op >= K.FirstAssignment && op <= K.LastAssignment) return parent.left === node;
    if (LOOSER_THAN_ADDITIVE.has(op)) return false;
    if (op === K.PlusToken || op === K.MinusToken) return parent.right === node;
    return true;
  }
  return !(
    (ts.isCallExpression(parent) && parent.expression !== node) ||
    (ts.isNewExpression(parent) && parent.expression !== node) ||
    (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) ||
    ts.isVariableDeclaration(parent) ||
    ts.isReturnStatement(parent) ||
    ts.isArrayLiteralExpression(parent) ||
    ts.isTemplateSpan(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isParenthesizedExpression(parent) ||
    ts.isExpressionStatement(parent) ||
    (ts.isConditionalExpression(parent) && parent.condition !== node) ||
    ts.isParameter(parent) ||
    ts.isArrowFunction(parent)
  );
}

/** `text + 1` / `text - 1` for the expression `node`, parenthesized where its context needs it. */
export function offsetBy(node: ts.Node, text: string, delta: 1 | -1): string {
  const shifted = `${text} ${delta > 0 ? '+' : '-'} 1`;
  return additiveNeedsParens(node) ? `(${shifted})` : shifted;
}

/** Expressions that can take a prefix `!` or `-` without parentheses. */
export function isPrimaryLike(node: ts.Expression): boolean {
  return (
    ts.isIdentifier(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node) ||
    ts.isCallExpression(node) ||
    ts.isParenthesizedExpression(node) ||
    ts.isLiteralExpression(node) ||
    node.kind === K.TrueKeyword ||
    node.kind === K.FalseKeyword ||
    node.kind === K.ThisKeyword
  );
}

/** `!x` for simple expressions, `!(a && b)` otherwise. */
export function negationOf(node: ts.Expression, text: string): string {
  return isPrimaryLike(node) ? `!${text}` : `!(${text})`;
}

/** True for an identifier used as a value (not a declaration name, property name, label or import name). */
export function isValueReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if ((ts.isPropertyAccessExpression(parent) && parent.name === node) || ts.isQualifiedName(parent)) return false;
  if (ts.isShorthandPropertyAssignment(parent)) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node)
    return false;
  if (ts.isBindingElement(parent) || ts.isVariableDeclaration(parent) || ts.isParameter(parent)) return parent.initializer === node;
  if (ts.isFunctionLike(parent) || ts.isClassLike(parent)) return (parent as { name?: ts.Node }).name !== node;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent))
    return false;
  if (ts.isJsxAttribute(parent) || ts.isJsxOpeningElement(parent) || ts.isJsxClosingElement(parent) || ts.isJsxSelfClosingElement(parent))
    return false;
  return true;
}

/** True when `node` is written to (assignment target, `++`, `--`). */
export function isWriteTarget(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    return parent.left === node && op >= K.FirstAssignment && op <= K.LastAssignment;
  }
  return (
    (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
    (parent.operator === K.PlusPlusToken || parent.operator === K.MinusMinusToken)
  );
}

/** Built-in namespaces and constructors: never null, so never worth a null check. */
const GLOBAL_NAMESPACES = new Set([
  'Math',
  'JSON',
  'Object',
  'Array',
  'Number',
  'String',
  'Boolean',
  'Date',
  'Promise',
  'console',
  'process',
  'Reflect',
  'Symbol',
  'BigInt',
  'Intl',
  'globalThis',
  'Error',
  'Map',
  'Set',
  'WeakMap',
  'RegExp',
  'Buffer',
]);

/**
 * The receiver of a member access or method call, when it is a plain reference that might be null:
 * `user` in `user.name`, `order.items` in `order.items[0]`, `rows[0]` in `rows[0].length`; undefined for `this`,
 * globals and receivers computed by calls.
 */
export function nullableReceiver(node: ts.Node): ts.Expression | undefined {
  if (!(ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) || node.questionDotToken) return undefined;
  const receiver: ts.Expression = node.expression;
  for (let part = receiver; ; part = part.expression) {
    if (ts.isIdentifier(part)) return GLOBAL_NAMESPACES.has(part.text) ? undefined : receiver;
    if (!(ts.isPropertyAccessExpression(part) || ts.isElementAccessExpression(part)) || part.questionDotToken) return undefined;
  }
}

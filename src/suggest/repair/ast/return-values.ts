import ts from 'typescript';
import { kindOfExpression, type ValueKind } from './scope.ts';
import { quoteOf } from './style.ts';

const MAX_VALUES = 4;

function emptyValueOf(kind: ValueKind, quote: string): string | undefined {
  switch (kind) {
    case 'number':
      return '0';
    case 'string':
      return `${quote}${quote}`;
    case 'boolean':
      return 'false';
    case 'array':
      return '[]';
    default:
      return undefined;
  }
}

function annotatedKind(type: ts.TypeNode): ValueKind | 'void' {
  if (type.kind === ts.SyntaxKind.VoidKeyword || type.kind === ts.SyntaxKind.UndefinedKeyword) return 'void';
  if (type.kind === ts.SyntaxKind.NumberKeyword) return 'number';
  if (type.kind === ts.SyntaxKind.StringKeyword) return 'string';
  if (type.kind === ts.SyntaxKind.BooleanKeyword) return 'boolean';
  if (ts.isArrayTypeNode(type)) return 'array';
  if (ts.isTypeReferenceNode(type) && type.typeName.getText() === 'Promise' && type.typeArguments?.[0])
    return annotatedKind(type.typeArguments[0]);
  return 'unknown';
}

/** Return statements of a function, not of functions nested in it. */
function ownReturns(fn: ts.FunctionLikeDeclaration): ts.ReturnStatement[] {
  const returns: ts.ReturnStatement[] = [];
  const walk = (node: ts.Node): void => {
    if (ts.isReturnStatement(node)) returns.push(node);
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, walk);
  };
  if (fn.body) ts.forEachChild(fn.body, walk);
  return returns;
}

/** Whether the function returns something anywhere (an expression body, or `return <expr>`). */
export function returnsValue(fn: ts.FunctionLikeDeclaration): boolean {
  return (fn.body !== undefined && !ts.isBlock(fn.body)) || ownReturns(fn).some((statement) => statement.expression !== undefined);
}

/**
 * Plausible values for an early `return` inserted into `fn` (guards, catch blocks): the empty value of its
 * declared or evident return kind, literals it already returns elsewhere, then `undefined` (a bare return)
 * and `null`. `undefined` in the list stands for a bare `return;`.
 */
export function fallbackReturnValues(fn: ts.FunctionLikeDeclaration): Array<string | undefined> {
  const quote = quoteOf(fn.getSourceFile());
  const values: Array<string | undefined> = [];
  const add = (value: string | undefined): void => {
    if (!values.includes(value)) values.push(value);
  };
  const addEmpty = (kind: ValueKind): void => {
    const empty = emptyValueOf(kind, quote);
    if (empty !== undefined) add(empty);
  };
  const declared = fn.type ? annotatedKind(fn.type) : undefined;
  if (declared === 'void') return [undefined];
  if (declared) addEmpty(declared);
  // `T | null` says what "nothing" is in this function.
  const members = fn.type && ts.isUnionTypeNode(fn.type) ? fn.type.types : [];
  for (const member of members) {
    if (ts.isLiteralTypeNode(member) && member.literal.kind === ts.SyntaxKind.NullKeyword) add('null');
    if (member.kind === ts.SyntaxKind.UndefinedKeyword) add(undefined);
  }
  const returned = fn.body && !ts.isBlock(fn.body) ? [fn.body] : ownReturns(fn).flatMap((statement) => statement.expression ?? []);
  for (const expression of returned) {
    const kind = kindOfExpression(expression);
    const literal =
      ts.isLiteralExpression(expression) ||
      expression.kind === ts.SyntaxKind.NullKeyword ||
      (ts.isPrefixUnaryExpression(expression) && ts.isNumericLiteral(expression.operand));
    if (literal) add(expression.getText());
    else if (!declared) addEmpty(kind);
  }
  add(undefined);
  add('null');
  return values.slice(0, MAX_VALUES);
}

/** `return value;` or a bare `return;`. */
export function returnStatementText(value: string | undefined): string {
  return value === undefined ? 'return;' : `return ${value};`;
}

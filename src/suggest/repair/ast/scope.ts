import ts from 'typescript';
import { unparenthesized } from './expressions.ts';

/** A cheap guess at what a binding holds, from its annotation or initializer; 'unknown' when neither says. */
export type ValueKind = 'number' | 'string' | 'boolean' | 'array' | 'object' | 'function' | 'unknown' | `ref:${string}`;

export interface Binding {
  name: string;
  kind: ValueKind;
  /** Functions and classes are callees, not values a variable could be confused with. */
  callable: boolean;
  /** Position of the declaration, to prefer bindings declared nearby. */
  pos: number;
}

const K = ts.SyntaxKind;
const NUMERIC_OPS = new Set([K.MinusToken, K.AsteriskToken, K.SlashToken, K.PercentToken, K.AsteriskAsteriskToken]);
const BOOLEAN_OPS = new Set([
  K.LessThanToken,
  K.LessThanEqualsToken,
  K.GreaterThanToken,
  K.GreaterThanEqualsToken,
  K.EqualsEqualsToken,
  K.EqualsEqualsEqualsToken,
  K.ExclamationEqualsToken,
  K.ExclamationEqualsEqualsToken,
  K.InstanceOfKeyword,
  K.InKeyword,
]);

function kindOfType(type: ts.TypeNode): ValueKind {
  switch (type.kind) {
    case K.NumberKeyword:
      return 'number';
    case K.StringKeyword:
      return 'string';
    case K.BooleanKeyword:
      return 'boolean';
    case K.ArrayType:
    case K.TupleType:
      return 'array';
    case K.FunctionType:
      return 'function';
    case K.TypeLiteral:
      return 'object';
  }
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName.getText();
    return name === 'Array' || name === 'ReadonlyArray' ? 'array' : `ref:${name}`;
  }
  return 'unknown';
}

/** The kind of value an expression evaluates to, when it is evident from its syntax alone. */
export function kindOfExpression(expression: ts.Expression): ValueKind {
  const node = unparenthesized(expression);
  if (ts.isNumericLiteral(node)) return 'number';
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) return 'string';
  if (node.kind === K.TrueKeyword || node.kind === K.FalseKeyword) return 'boolean';
  if (ts.isArrayLiteralExpression(node)) return 'array';
  if (ts.isObjectLiteralExpression(node)) return 'object';
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return 'function';
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) return `ref:${node.expression.text}`;
  if (ts.isPrefixUnaryExpression(node)) return node.operator === K.ExclamationToken ? 'boolean' : 'number';
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'length') return 'number';
  if (ts.isBinaryExpression(node)) {
    if (NUMERIC_OPS.has(node.operatorToken.kind)) return 'number';
    if (BOOLEAN_OPS.has(node.operatorToken.kind)) return 'boolean';
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const receiver = node.expression.expression;
    if (ts.isIdentifier(receiver) && receiver.text === 'Math') return 'number';
  }
  return 'unknown';
}

function declaredKind(type: ts.TypeNode | undefined, initializer: ts.Expression | undefined): ValueKind {
  if (type) return kindOfType(type);
  return initializer ? kindOfExpression(initializer) : 'unknown';
}

/** A binding and the position from which it can be used (let/const: after their declaration). */
interface ScopedBinding extends Binding {
  usableFrom: number;
}

function addBindingNames(name: ts.BindingName, kind: ValueKind, usableFrom: number, out: ScopedBinding[]): void {
  if (ts.isIdentifier(name)) {
    out.push({ name: name.text, kind, callable: kind === 'function', pos: name.getStart(), usableFrom });
    return;
  }
  for (const element of name.elements) {
    if (!ts.isOmittedExpression(element)) {
      addBindingNames(element.name, element.initializer ? kindOfExpression(element.initializer) : 'unknown', usableFrom, out);
    }
  }
}

function addStatementBindings(statement: ts.Statement, out: ScopedBinding[]): void {
  if (ts.isVariableStatement(statement)) {
    // Usable once the declaration ends (hoisted `var` before that is rarely the intended one either).
    for (const declaration of statement.declarationList.declarations) {
      addBindingNames(declaration.name, declaredKind(declaration.type, declaration.initializer), statement.getEnd(), out);
    }
  } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
    out.push({ name: statement.name.text, kind: 'function', callable: true, pos: statement.name.getStart(), usableFrom: 0 });
  } else if (ts.isImportDeclaration(statement) && statement.importClause) {
    // Without types a value import cannot be told from a function: imports count as callable.
    const clause = statement.importClause;
    const names = [
      clause.name,
      ...(clause.namedBindings && ts.isNamespaceImport(clause.namedBindings) ? [clause.namedBindings.name] : []),
      ...(clause.namedBindings && ts.isNamedImports(clause.namedBindings)
        ? clause.namedBindings.elements.map((element) => element.name)
        : []),
    ];
    for (const name of names) if (name) out.push({ name: name.text, kind: 'unknown', callable: true, pos: name.getStart(), usableFrom: 0 });
  }
}

const scopeCache = new WeakMap<ts.Node, ScopedBinding[]>();

/** The bindings a scope node itself declares (statements of a block, parameters, loop and catch variables). */
function declaredIn(scope: ts.Node): ScopedBinding[] {
  const cached = scopeCache.get(scope);
  if (cached) return cached;
  const bindings: ScopedBinding[] = [];
  if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)) {
    for (const statement of scope.statements) addStatementBindings(statement, bindings);
  } else if (ts.isFunctionLike(scope)) {
    for (const parameter of scope.parameters)
      addBindingNames(parameter.name, declaredKind(parameter.type, parameter.initializer), 0, bindings);
  } else if (
    (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) &&
    scope.initializer &&
    ts.isVariableDeclarationList(scope.initializer)
  ) {
    const iterated: ValueKind = ts.isForInStatement(scope) ? 'string' : 'unknown';
    for (const declaration of scope.initializer.declarations) {
      addBindingNames(
        declaration.name,
        declaration.initializer ? declaredKind(declaration.type, declaration.initializer) : iterated,
        0,
        bindings,
      );
    }
  } else if (ts.isCatchClause(scope) && scope.variableDeclaration) {
    addBindingNames(scope.variableDeclaration.name, 'unknown', 0, bindings);
  }
  scopeCache.set(scope, bindings);
  return bindings;
}

/**
 * The bindings visible at `node`, innermost scope first: a syntactic walk (no type checker; a checker
 * program costs ~180 ms per file even with cached lib files, this costs microseconds).
 */
export function visibleBindings(node: ts.Node): Binding[] {
  const at = node.getStart();
  const seen = new Set<string>();
  const visible: Binding[] = [];
  for (let scope = node.parent; scope; scope = scope.parent) {
    for (const binding of declaredIn(scope)) {
      if (binding.usableFrom > at || seen.has(binding.name)) continue;
      seen.add(binding.name);
      visible.push(binding);
    }
  }
  return visible;
}

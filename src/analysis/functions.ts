import ts from 'typescript';
import { lineOf } from './parse-source.ts';

/** A function in a source file, as a profiler or a reader would name it. */
export interface FunctionInfo {
  /** Declared or inferred name (`const f = () => ...` is `f`); '' when anonymous. */
  name: string;
  /** 1-based lines of the declaration's start and end. */
  line: number;
  endLine: number;
  node: ts.SignatureDeclaration;
}

/** Every function with a body, outermost first, in source order. */
export function listFunctions(sourceFile: ts.SourceFile): FunctionInfo[] {
  const found: FunctionInfo[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      found.push({
        name: functionName(node),
        line: lineOf(sourceFile, node.getStart(sourceFile)),
        endLine: lineOf(sourceFile, node.getEnd()),
        node,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The innermost function whose lines contain `line`. */
export function enclosingFunction(functions: readonly FunctionInfo[], line: number): FunctionInfo | undefined {
  let best: FunctionInfo | undefined;
  for (const fn of functions) {
    if (fn.line <= line && line <= fn.endLine && (!best || fn.line >= best.line)) best = fn;
  }
  return best;
}

function functionName(node: ts.SignatureDeclaration): string {
  if (node.name && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name) || ts.isStringLiteral(node.name))) {
    return node.name.text;
  }
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) {
    return parent.name.text;
  }
  return '';
}

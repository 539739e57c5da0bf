import ts from 'typescript';
import { lineOf } from '../../../analysis/parse-source.ts';

/**
 * A repair unit is the smallest piece of code a suspicious line points at: a statement, or a class member.
 * Blocks are not units: their statements are. A unit's *region* is its own code minus nested units, so an
 * `if` unit is its head (`if (cond)`) and the statements of its branches are units of their own.
 */
function isRepairUnit(node: ts.Node): boolean {
  if (ts.isBlock(node) || ts.isEmptyStatement(node) || ts.isModuleBlock(node)) return false;
  return (
    ts.isStatement(node) ||
    ts.isPropertyDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

const regionCache = new WeakMap<ts.Node, ts.Node[]>();

/** All nodes of the unit's region in pre-order, not descending into nested units or type annotations. */
function regionNodes(unit: ts.Node): readonly ts.Node[] {
  const cached = regionCache.get(unit);
  if (cached) return cached;
  const nodes: ts.Node[] = [];
  const walk = (node: ts.Node): void => {
    if (isRepairUnit(node) || ts.isTypeNode(node)) return;
    nodes.push(node);
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(unit, walk);
  // Every operator walks the same unit's region: walk the tree once.
  regionCache.set(unit, nodes);
  return nodes;
}

/** Visits every node of the unit's region (see regionNodes). */
export function forEachInRegion(unit: ts.Node, visit: (node: ts.Node) => void): void {
  for (const node of regionNodes(unit)) visit(node);
}

/** Index of a file's units by the line they start on. */
export function unitsByStartLine(sourceFile: ts.SourceFile): Map<number, ts.Node[]> {
  const byLine = new Map<number, ts.Node[]>();
  const walk = (node: ts.Node): void => {
    if (isRepairUnit(node)) {
      const line = lineOf(sourceFile, node.getStart(sourceFile));
      const list = byLine.get(line);
      if (list) list.push(node);
      else byLine.set(line, [node]);
    }
    ts.forEachChild(node, walk);
  };
  walk(sourceFile);
  return byLine;
}

/** The innermost unit whose span contains `pos`. */
export function innermostUnitAt(sourceFile: ts.SourceFile, pos: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const walk = (node: ts.Node): void => {
    if (pos < node.getStart(sourceFile) || pos >= node.getEnd()) return;
    if (isRepairUnit(node)) found = node;
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(sourceFile, walk);
  return found;
}

/** The unit with exactly this span (as produced by localization), if the text still has it. */
export function unitAtSpan(sourceFile: ts.SourceFile, start: number, end: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const walk = (node: ts.Node): void => {
    if (found || start < node.getFullStart() || end > node.getEnd()) return;
    if (isRepairUnit(node) && node.getStart(sourceFile) === start && node.getEnd() === end) {
      found = node;
      return;
    }
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(sourceFile, walk);
  return found;
}

/** True when the unit sits directly in a statement list, so statements can be inserted before it or it can go. */
export function isInStatementList(unit: ts.Node): boolean {
  const parent = unit.parent;
  return (
    parent !== undefined &&
    (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent) || ts.isModuleBlock(parent))
  );
}

/** The nearest enclosing function-like node (the unit itself when it is one is skipped). */
export function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current) && 'body' in current) return current as ts.FunctionLikeDeclaration;
  }
  return undefined;
}

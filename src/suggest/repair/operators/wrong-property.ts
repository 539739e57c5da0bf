import ts from 'typescript';
import { isWriteTarget } from '../ast/expressions.ts';
import { forEachInRegion } from '../ast/units.ts';
import { type CandidateEdit, nodeEdit, type RepairOperator } from './operator.ts';

const MAX_ALTERNATIVES = 6;

interface PropertyFacts {
  /** For each member name, the other members declared beside it (interfaces, type literals, classes, object literals). */
  siblings: Map<string, Set<string>>;
  /** For each receiver text (`item`, `this.cart`), the property names read from it in the file. */
  byReceiver: Map<string, Set<string>>;
}

const factsCache = new WeakMap<ts.SourceFile, PropertyFacts>();

function addAll(map: Map<string, Set<string>>, key: string, values: Iterable<string>): void {
  const set = map.get(key) ?? new Set<string>();
  for (const value of values) if (value !== key) set.add(value);
  map.set(key, set);
}

function memberNames(members: ts.NodeArray<ts.Node>): string[] {
  return members.flatMap((member) => {
    const name = (member as { name?: ts.Node }).name;
    return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? [name.text] : [];
  });
}

function propertyFacts(sourceFile: ts.SourceFile): PropertyFacts {
  const cached = factsCache.get(sourceFile);
  if (cached) return cached;
  const facts: PropertyFacts = { siblings: new Map(), byReceiver: new Map() };
  const walk = (node: ts.Node): void => {
    let members: ts.NodeArray<ts.Node> | undefined;
    if (ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node) || ts.isClassLike(node)) members = node.members;
    else if (ts.isObjectLiteralExpression(node)) members = node.properties;
    if (members) {
      const names = memberNames(members);
      for (const name of names) addAll(facts.siblings, name, names);
    }
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.name) &&
      !(ts.isCallExpression(node.parent) && node.parent.expression === node)
    ) {
      const receiver = node.expression.getText(sourceFile);
      addAll(facts.byReceiver, receiver, [node.name.text]);
    }
    ts.forEachChild(node, walk);
  };
  walk(sourceFile);
  factsCache.set(sourceFile, facts);
  return facts;
}

/** Wrong field: `item.price` -> `item.cost` when `cost` is declared beside `price`, or read from `item` elsewhere. */
export const wrongProperty: RepairOperator = {
  name: 'wrong-property',
  prior: 0.4,
  apply(context) {
    const edits: CandidateEdit[] = [];
    forEachInRegion(context.unit, (node) => {
      if (!ts.isPropertyAccessExpression(node) || !ts.isIdentifier(node.name)) return;
      if (ts.isCallExpression(node.parent) && node.parent.expression === node) return;
      if (isWriteTarget(node)) return;
      const facts = propertyFacts(context.sourceFile);
      const name = node.name.text;
      const declared = facts.siblings.get(name) ?? new Set<string>();
      const read = facts.byReceiver.get(node.expression.getText(context.sourceFile)) ?? new Set<string>();
      const alternatives = [...declared, ...[...read].filter((other) => !declared.has(other) && other !== name)];
      for (const [index, other] of alternatives.slice(0, MAX_ALTERNATIVES).entries()) {
        edits.push(nodeEdit(context, node.name, other, index < declared.size ? 1 : 0.7));
      }
    });
    return edits;
  },
};

import ts from 'typescript';
import { forEachInRegion } from '../ast/units.ts';
import { type CandidateEdit, nodeEdit, type RepairOperator } from './operator.ts';

const DATE_PARTS = ['FullYear', 'Month', 'Date', 'Day', 'Hours', 'Minutes', 'Seconds', 'Milliseconds'];

/** Methods (and a few global functions) that are easily confused with one another. */
const SIBLING_GROUPS: ReadonlyArray<readonly string[]> = [
  ['floor', 'ceil', 'round', 'trunc'],
  ['min', 'max'],
  ['toUpperCase', 'toLowerCase'],
  ['toLocaleUpperCase', 'toLocaleLowerCase'],
  ['push', 'unshift'],
  ['pop', 'shift'],
  ['slice', 'substring', 'substr'],
  ['indexOf', 'lastIndexOf'],
  ['findIndex', 'findLastIndex'],
  ['find', 'findLast'],
  ['filter', 'find'],
  ['some', 'every'],
  ['startsWith', 'endsWith', 'includes'],
  ['trim', 'trimStart', 'trimEnd'],
  ['padStart', 'padEnd'],
  ['keys', 'values', 'entries'],
  ['reduce', 'reduceRight'],
  ['map', 'flatMap'],
  ['replace', 'replaceAll'],
  ['toFixed', 'toPrecision'],
  ['isInteger', 'isFinite', 'isSafeInteger'],
  ['parseInt', 'parseFloat'],
  ['encodeURIComponent', 'encodeURI'],
  ['decodeURIComponent', 'decodeURI'],
  ['getDate', 'getDay'],
  ...DATE_PARTS.flatMap((part) => [
    [`get${part}`, `getUTC${part}`],
    [`set${part}`, `setUTC${part}`],
  ]),
];

const SIBLINGS = new Map<string, string[]>();
for (const group of SIBLING_GROUPS) {
  for (const name of group) SIBLINGS.set(name, [...new Set([...(SIBLINGS.get(name) ?? []), ...group.filter((other) => other !== name)])]);
}

/** Names a global function is called by, not methods: only these are swapped when called bare. */
const GLOBAL_FUNCTIONS = new Set(['parseInt', 'parseFloat', 'encodeURIComponent', 'encodeURI', 'decodeURIComponent', 'decodeURI']);

/** Wrong method: `Math.floor` -> `ceil`/`round`, `toUpperCase` -> `toLowerCase`, `push` -> `unshift`, ... */
export const wrongMethod: RepairOperator = {
  name: 'wrong-method',
  prior: 0.7,
  apply(context) {
    const edits: CandidateEdit[] = [];
    forEachInRegion(context.unit, (node) => {
      let name: ts.Identifier | undefined;
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) name = node.name;
      else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && GLOBAL_FUNCTIONS.has(node.expression.text))
        name = node.expression;
      for (const sibling of (name && SIBLINGS.get(name.text)) || []) edits.push(nodeEdit(context, name!, sibling));
    });
    return edits;
  },
};

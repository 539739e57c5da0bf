import ts from 'typescript';
import { isValueReference } from '../ast/expressions.ts';
import { isValueNumber, isValueString, literalPool } from '../ast/literals.ts';
import { quoteOf, stringLiteral } from '../ast/style.ts';
import { forEachInRegion } from '../ast/units.ts';
import { type CandidateEdit, nodeEdit, type RepairOperator } from './operator.ts';

const K = ts.SyntaxKind;
const MAX_STRING_SWAPS = 8;
const MAX_NUMBER_SWAPS = 4;

/** Wrong literal: `true` <-> `false`, `null` <-> `undefined`, `''` <-> `' '`, a string or number swapped for another of the file. */
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
      else if (ts.isIdentifier(node) && node.text === 'undefined' && isValueReference(node))
        edits.push(nodeEdit(context, node, 'null', 0.6));
      else if (isValueString(node)) {
        const own = node.text;
        const swaps = literalPool(context.sourceFile, 'string', node).filter((value) => value !== own);
        const replacements = [...(own === '' ? [' '] : own === ' ' ? [''] : []), ...swaps].slice(0, MAX_STRING_SWAPS);
        for (const value of replacements)
          edits.push(nodeEdit(context, node, stringLiteral(value, quote), value.trim() === own.trim() ? 0.8 : 0.6));
      } else if (isValueNumber(node)) {
        // n +- 1 is off-by-one-literal's; here the other constants of the file (`>= 400` meant `>= 500`).
        const own = Number(node.text);
        const swaps = literalPool(context.sourceFile, 'number', node).filter(
          (value) => Math.abs(Number(value) - own) !== 1 && Number(value) !== own,
        );
        for (const value of swaps.slice(0, MAX_NUMBER_SWAPS)) edits.push(nodeEdit(context, node, value, 0.5));
      }
    });
    return edits;
  },
};

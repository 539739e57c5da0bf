import ts from 'typescript';
import { isValueNumber, isValueString, literalPool } from '../ast/literals.ts';
import { quoteOf, stringLiteral } from '../ast/style.ts';
import { forEachInRegion } from '../ast/units.ts';
import { type CandidateEdit, nodeEdit, type RepairOperator, textOf } from './operator.ts';

const K = ts.SyntaxKind;
const MAX_WIDENINGS = 4;

/**
 * Dropped case in a condition: `state === 'delivered'` -> `state === 'delivered' || state === 'cancelled'`
 * (and `!==` with `&&`), the added value taken from the file's other literals of the same kind.
 */
export const widenCondition: RepairOperator = {
  name: 'widen-condition',
  prior: 0.4,
  apply(context) {
    const edits: CandidateEdit[] = [];
    const quote = quoteOf(context.sourceFile);
    forEachInRegion(context.unit, (node) => {
      if (!ts.isBinaryExpression(node)) return;
      const op = node.operatorToken.kind;
      if (op !== K.EqualsEqualsEqualsToken && op !== K.ExclamationEqualsEqualsToken) return;
      const literal = isValueString(node.right) || isValueNumber(node.right) ? node.right : undefined;
      if (!literal) return;
      const kind = ts.isNumericLiteral(literal) ? 'number' : 'string';
      const own = ts.isNumericLiteral(literal) ? literal.getText(context.sourceFile) : literal.text;
      const subject = textOf(context, node.left);
      const joiner = op === K.EqualsEqualsEqualsToken ? '||' : '&&';
      const operator = op === K.EqualsEqualsEqualsToken ? '===' : '!==';
      const others = literalPool(context.sourceFile, kind, literal).filter((value) => value !== own);
      for (const value of others.slice(0, MAX_WIDENINGS)) {
        const added = kind === 'string' ? stringLiteral(value, quote) : value;
        edits.push(nodeEdit(context, node, `${textOf(context, node)} ${joiner} ${subject} ${operator} ${added}`));
      }
    });
    return edits;
  },
};

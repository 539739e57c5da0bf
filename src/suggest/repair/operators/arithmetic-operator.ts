import ts from 'typescript';
import { unparenthesized } from '../ast/expressions.ts';
import { binaryOperatorSwap } from './binary-swap.ts';

const K = ts.SyntaxKind;

function isStringLike(node: ts.Expression): boolean {
  const inner = unparenthesized(node);
  if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner) || ts.isTemplateExpression(inner)) return true;
  return (
    ts.isBinaryExpression(inner) && inner.operatorToken.kind === K.PlusToken && (isStringLike(inner.left) || isStringLike(inner.right))
  );
}

/** Inverse operations first (`+` <-> `-`, `*` <-> `/`), compound assignments too; string concatenation is left alone. */
export const arithmeticOperator = binaryOperatorSwap(
  'arithmetic-operator',
  0.8,
  new Map([
    [
      K.PlusToken,
      [
        [K.MinusToken, 1],
        [K.AsteriskToken, 0.4],
      ],
    ],
    [
      K.MinusToken,
      [
        [K.PlusToken, 1],
        [K.AsteriskToken, 0.3],
      ],
    ],
    [
      K.AsteriskToken,
      [
        [K.SlashToken, 1],
        [K.PlusToken, 0.4],
      ],
    ],
    [
      K.SlashToken,
      [
        [K.AsteriskToken, 1],
        [K.PercentToken, 0.3],
      ],
    ],
    [K.PercentToken, [[K.SlashToken, 0.6]]],
    [K.PlusEqualsToken, [[K.MinusEqualsToken, 1]]],
    [K.MinusEqualsToken, [[K.PlusEqualsToken, 1]]],
    [K.AsteriskEqualsToken, [[K.SlashEqualsToken, 1]]],
    [K.SlashEqualsToken, [[K.AsteriskEqualsToken, 1]]],
  ]),
  (node) =>
    !(node.operatorToken.kind === K.PlusToken || node.operatorToken.kind === K.PlusEqualsToken) ||
    !(isStringLike(node.left) || isStringLike(node.right)),
);

import ts from 'typescript';
import { binaryOperatorSwap } from './binary-swap.ts';

const K = ts.SyntaxKind;

/** `<` <-> `<=` first (the classic boundary bug), then the flipped comparisons. */
export const relationalOperator = binaryOperatorSwap(
  'relational-operator',
  1,
  new Map([
    [
      K.LessThanToken,
      [
        [K.LessThanEqualsToken, 1],
        [K.GreaterThanToken, 0.4],
        [K.GreaterThanEqualsToken, 0.3],
      ],
    ],
    [
      K.LessThanEqualsToken,
      [
        [K.LessThanToken, 1],
        [K.GreaterThanEqualsToken, 0.4],
        [K.GreaterThanToken, 0.3],
      ],
    ],
    [
      K.GreaterThanToken,
      [
        [K.GreaterThanEqualsToken, 1],
        [K.LessThanToken, 0.4],
        [K.LessThanEqualsToken, 0.3],
      ],
    ],
    [
      K.GreaterThanEqualsToken,
      [
        [K.GreaterThanToken, 1],
        [K.LessThanEqualsToken, 0.4],
        [K.LessThanToken, 0.3],
      ],
    ],
  ]),
);

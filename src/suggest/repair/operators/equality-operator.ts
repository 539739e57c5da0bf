import ts from 'typescript';
import { binaryOperatorSwap } from './binary-swap.ts';

const K = ts.SyntaxKind;

/** Negated equality first; strict <-> loose (e.g. `'1' == 1`, `x === null` missing undefined) after. */
export const equalityOperator = binaryOperatorSwap(
  'equality-operator',
  0.8,
  new Map([
    [
      K.EqualsEqualsEqualsToken,
      [
        [K.ExclamationEqualsEqualsToken, 1],
        [K.EqualsEqualsToken, 0.3],
      ],
    ],
    [
      K.ExclamationEqualsEqualsToken,
      [
        [K.EqualsEqualsEqualsToken, 1],
        [K.ExclamationEqualsToken, 0.3],
      ],
    ],
    [
      K.EqualsEqualsToken,
      [
        [K.ExclamationEqualsToken, 1],
        [K.EqualsEqualsEqualsToken, 0.5],
      ],
    ],
    [
      K.ExclamationEqualsToken,
      [
        [K.EqualsEqualsToken, 1],
        [K.ExclamationEqualsEqualsToken, 0.5],
      ],
    ],
  ]),
);

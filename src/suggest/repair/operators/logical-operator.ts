import ts from 'typescript';
import { binaryOperatorSwap } from './binary-swap.ts';

const K = ts.SyntaxKind;

/** `&&` <-> `||`; `||` -> `??` for defaults that wrongly replace 0 or ''. */
export const logicalOperator = binaryOperatorSwap(
  'logical-operator',
  0.7,
  new Map([
    [K.AmpersandAmpersandToken, [[K.BarBarToken, 1]]],
    [
      K.BarBarToken,
      [
        [K.AmpersandAmpersandToken, 1],
        [K.QuestionQuestionToken, 0.8],
      ],
    ],
    [K.QuestionQuestionToken, [[K.BarBarToken, 0.7]]],
    [
      K.BarBarEqualsToken,
      [
        [K.QuestionQuestionEqualsToken, 0.8],
        [K.AmpersandAmpersandEqualsToken, 0.5],
      ],
    ],
    [K.QuestionQuestionEqualsToken, [[K.BarBarEqualsToken, 0.7]]],
    [K.AmpersandAmpersandEqualsToken, [[K.BarBarEqualsToken, 0.7]]],
  ]),
);

import { arithmeticOperator } from './arithmetic-operator.ts';
import { bounds } from './bounds.ts';
import { deleteStatement } from './delete-statement.ts';
import { dropTerm } from './drop-term.ts';
import { equalityOperator } from './equality-operator.ts';
import { errorObject } from './error-object.ts';
import { insertAwait } from './insert-await.ts';
import { insertGuard } from './insert-guard.ts';
import { insertReturn } from './insert-return.ts';
import { logicalOperator } from './logical-operator.ts';
import { negateCondition } from './negate-condition.ts';
import { offByOneLiteral } from './off-by-one-literal.ts';
import type { RepairOperator } from './operator.ts';
import { optionalChain } from './optional-chain.ts';
import { relationalOperator } from './relational-operator.ts';
import { swapArguments } from './swap-arguments.ts';
import { unaryOperator } from './unary-operator.ts';
import { widenCondition } from './widen-condition.ts';
import { wrapTryCatch } from './wrap-try-catch.ts';
import { wrongCallee } from './wrong-callee.ts';
import { wrongLiteral } from './wrong-literal.ts';
import { wrongMethod } from './wrong-method.ts';
import { wrongProperty } from './wrong-property.ts';
import { wrongVariable } from './wrong-variable.ts';

/** Every repair operator, in the order candidates of equal score are listed. */
export const REPAIR_OPERATORS: readonly RepairOperator[] = [
  relationalOperator,
  offByOneLiteral,
  bounds,
  equalityOperator,
  arithmeticOperator,
  logicalOperator,
  negateCondition,
  wrongMethod,
  insertGuard,
  optionalChain,
  unaryOperator,
  swapArguments,
  insertAwait,
  wrongLiteral,
  dropTerm,
  insertReturn,
  wrongVariable,
  wrongProperty,
  wrongCallee,
  widenCondition,
  errorObject,
  deleteStatement,
  wrapTryCatch,
];

/** Each operator's built-in prior: what learning starts from. */
export const BUILT_IN_PRIORS: Readonly<Record<string, number>> = Object.fromEntries(
  REPAIR_OPERATORS.map((operator) => [operator.name, operator.prior]),
);

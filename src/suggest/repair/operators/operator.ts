import type ts from 'typescript';
import { lineOf } from '../../../analysis/parse-source.ts';
import type { ProjectFacts } from '../ast/project-facts.ts';

/** Where an operator looks: one suspicious unit (statement or class member) of one file. */
export interface OperatorContext {
  /** Project-relative path. */
  file: string;
  text: string;
  sourceFile: ts.SourceFile;
  /** The suspicious unit; expression operators work on its region (see ast/units.ts). */
  unit: ts.Node;
  /** Facts gathered once over every source file (e.g. which callees are async). */
  facts: ProjectFacts;
}

/** One minimal text edit an operator proposes, with a human description. */
export interface CandidateEdit {
  file: string;
  start: number;
  end: number;
  replacement: string;
  /** e.g. "replace `<` with `<=` at src/cart.ts:42". */
  description: string;
  /** How likely this edit is among the operator's own edits, in (0, 1]; multiplies the operator prior. */
  weight: number;
}

export interface RepairOperator {
  readonly name: string;
  /** Fixed prior likelihood that a real bug is of this kind; overridable per run (see candidates.ts). */
  readonly prior: number;
  apply(context: OperatorContext): CandidateEdit[];
}

const SNIPPET_MAX = 60;

/** Code quoted in a description: whitespace squashed, long code cut. */
export function snippet(code: string): string {
  const flat = code.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_MAX ? `${flat.slice(0, SNIPPET_MAX - 3)}...` : flat;
}

/** `file:line` of a position, for descriptions. */
export function where(context: OperatorContext, pos: number): string {
  return `${context.file}:${lineOf(context.sourceFile, pos)}`;
}

/** An edit replacing [start, end), described as replace/insert/delete unless a description is given. */
export function spanEdit(
  context: OperatorContext,
  start: number,
  end: number,
  replacement: string,
  weight = 1,
  description?: string,
): CandidateEdit {
  const original = context.text.slice(start, end);
  const at = where(context, start);
  const described =
    description ??
    (start === end
      ? `insert \`${snippet(replacement)}\` at ${at}`
      : replacement.trim() === ''
        ? `delete \`${snippet(original)}\` at ${at}`
        : `replace \`${snippet(original)}\` with \`${snippet(replacement)}\` at ${at}`);
  return { file: context.file, start, end, replacement, description: described, weight };
}

/** An edit replacing a whole node's text (leading trivia excluded). */
export function nodeEdit(context: OperatorContext, node: ts.Node, replacement: string, weight = 1, description?: string): CandidateEdit {
  return spanEdit(context, node.getStart(context.sourceFile), node.getEnd(), replacement, weight, description);
}

export function textOf(context: OperatorContext, node: ts.Node): string {
  return node.getText(context.sourceFile);
}

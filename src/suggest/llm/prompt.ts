import type { Finding } from '../../contract/finding.ts';
import type { TestCaseResult } from '../../testing/report.ts';
import type { RejectedAttempt } from '../suggester.ts';

/** Consecutive lines of one file, as the model is shown them. */
export interface CodeWindow {
  file: string;
  /** 1-based number of the first line. */
  from: number;
  lines: string[];
}

export interface PromptInput {
  finding: Finding;
  /** The code around the finding and the failing tests' frames. */
  code: CodeWindow[];
  /** Failing tests that show the finding, with their errors. */
  failingTests: TestCaseResult[];
  /** Earlier attempts of this run and why they were turned down, oldest first. */
  rejected: RejectedAttempt[];
  /** What the project turned down in earlier runs and why (see src/learn), latest first. */
  rejectedBefore?: readonly string[];
  maxSuggestions: number;
}

/** Earlier attempts shown to the model: the latest ones, so a long run does not grow the prompt without end. */
const MAX_REJECTED_SHOWN = 6;
const MAX_BLOCK_CHARS = 1_500;

export const SYSTEM_PROMPT = [
  'You improve a TypeScript/JavaScript project by proposing small, exact source changes.',
  'Rules:',
  "- Change only the project's source files. Never edit, add or delete tests, test configuration or package.json.",
  '- Each edit replaces a `search` text with a `replace` text. Copy `search` exactly from the code shown,',
  '  without the line-number prefixes, keeping every space and newline; it must occur exactly once in the file.',
  '  Include enough surrounding lines to make it unique, and no more than needed.',
  '- Keep the behaviour every passing test checks. Fix the cause, not the symptom: never special-case test inputs.',
  '- Do not repeat an attempt that was already rejected; learn from the reason it failed.',
  'Answer only with the JSON object described by the schema.',
].join('\n');

/** The request for one finding: what is wrong, the code, the evidence, and what was tried before. */
export function buildPrompt(input: PromptInput): { system: string; prompt: string } {
  const { finding } = input;
  const sections = [
    section('Finding', [
      `${finding.category}, ${finding.priority} priority: ${finding.message}`,
      ...(finding.location ? [`Location: ${finding.location.file}${finding.location.line ? `:${finding.location.line}` : ''}`] : []),
      ...(finding.evidence ? ['Evidence:', finding.evidence] : []),
    ]),
    ...(input.failingTests.length > 0 ? [section('Failing tests', input.failingTests.map(formatFailingTest))] : []),
    section('Code', input.code.map(formatWindow)),
    ...(input.rejected.length > 0 ? [section('Rejected attempts (do not repeat them)', formatRejected(input.rejected))] : []),
    ...(input.rejectedBefore?.length
      ? [
          section(
            'This project rejected before (avoid the same mistakes)',
            input.rejectedBefore.map((line) => `- ${line}`),
          ),
        ]
      : []),
    section('Task', [
      `Propose up to ${input.maxSuggestions} alternative changes that resolve the finding, best first.`,
      finding.category === 'failure'
        ? 'A change is accepted when the failing tests pass and every other test still passes.'
        : 'A change is accepted when every test still passes afterwards.',
    ]),
  ];
  return { system: SYSTEM_PROMPT, prompt: sections.join('\n\n') };
}

/** The follow-up when an answer could not be used: what was wrong with it, so the model can correct it once. */
export function retryPrompt(problems: readonly string[]): string {
  return [
    'Your answer could not be used:',
    ...problems.map((problem) => `- ${problem}`),
    'Answer again with the same JSON format. Copy each `search` text exactly from the code shown (without line numbers), and change only source files.',
  ].join('\n');
}

/** Lines `around` (1-based) with `radius` lines either side, as one window per stretch of the file. */
export function codeWindows(file: string, text: string, around: readonly number[], radius: number): CodeWindow[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const ranges = [...new Set(around)]
    .filter((line) => line >= 1 && line <= lines.length)
    .sort((a, b) => a - b)
    .map((line) => ({ from: Math.max(1, line - radius), to: Math.min(lines.length, line + radius) }));
  if (ranges.length === 0) ranges.push({ from: 1, to: Math.min(lines.length, radius * 2 + 1) });
  const merged: Array<{ from: number; to: number }> = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged.map(({ from, to }) => ({ file, from, lines: lines.slice(from - 1, to) }));
}

export function formatWindow(window: CodeWindow): string {
  const last = window.from + window.lines.length - 1;
  const width = String(last).length;
  const numbered = window.lines.map((line, i) => `${String(window.from + i).padStart(width)} | ${line}`);
  return [`${window.file} (lines ${window.from}-${last}):`, '```', ...numbered, '```'].join('\n');
}

function formatFailingTest(test: TestCaseResult): string {
  const failure = test.failure;
  return [
    `- ${test.id}`,
    ...(failure
      ? [
          `  Error: ${failure.message}`,
          ...(failure.expected !== undefined ? [`  Expected: ${failure.expected}`] : []),
          ...(failure.actual !== undefined ? [`  Actual: ${failure.actual}`] : []),
          ...failure.frames.slice(0, 4).map((frame) => `  at ${frame.fn ? `${frame.fn} ` : ''}${frame.file}:${frame.line}`),
        ]
      : []),
  ].join('\n');
}

function formatRejected(rejected: readonly RejectedAttempt[]): string[] {
  return rejected
    .slice(-MAX_REJECTED_SHOWN)
    .map(({ suggestion, reason }, i) =>
      [
        `${i + 1}. ${suggestion.rationale}`,
        `   Rejected because: ${reason}`,
        ...suggestion.edits.map((edit) =>
          [`   In ${edit.file} replace:`, indent(clip(edit.search)), '   with:', indent(clip(edit.replace))].join('\n'),
        ),
      ].join('\n'),
    );
}

function section(title: string, lines: readonly string[]): string {
  return [`## ${title}`, ...lines].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `     ${line}`)
    .join('\n');
}

function clip(text: string): string {
  return text.length > MAX_BLOCK_CHARS ? `${text.slice(0, MAX_BLOCK_CHARS)}\n[... cut]` : text;
}

import { createHash } from 'node:crypto';
import type { Edit } from '../contract/edit.ts';
import type { AcceptedChange, ImprovementReport, SuiteSummary } from '../contract/report.ts';
import { plural } from '../text/plural.ts';

/** A kept change with the edits that make it: what one commit holds. */
export type PublishedChange = AcceptedChange & { edits: readonly Edit[] };

/** The label every pull request of ours carries. */
export const CHANGE_REQUEST_LABEL = 'recursive-improve';

/** GitHub refuses bodies over 65536 characters; diffs are cut to stay below. */
const BODY_LIMIT = 60_000;
const SUBJECT_LIMIT = 72;
const FINDINGS_LISTED = 20;

/** The first sentence of a rationale, what the change is, without the evidence in parentheses that may end it. */
const headline = (change: AcceptedChange) =>
  change.rationale
    .split(/(?<=\.)\s/, 1)[0]!
    .replace(/\.$/, '')
    .replace(/\s*\([^()]*\)$/, '');

const clip = (text: string, limit: number) => (text.length > limit ? `${text.slice(0, limit - 1)}…` : text);

/**
 * Names a set of changes, whatever run found them: the same edits give the same fingerprint, so a
 * later run with the same changes finds the request an earlier one opened (`changesMarker`).
 */
export function changesFingerprint(changes: readonly PublishedChange[]): string {
  const edits = changes.map((change) => change.edits.map(({ file, search, replace }) => [file, search, replace]));
  return createHash('sha256').update(JSON.stringify(edits)).digest('hex').slice(0, 16);
}

/** An HTML comment in the body (invisible on the page) that carries the fingerprint. */
export const changesMarker = (fingerprint: string) => `<!-- recursive-improve changes: ${fingerprint} -->`;

/** One commit per kept change: its category and priority, the finding, why, and the tests it fixed. */
export function commitMessage(change: AcceptedChange, runId: string): string {
  const lines = [
    clip(`improve(${change.category}, ${change.priority}): ${headline(change)}`, SUBJECT_LIMIT),
    '',
    ...(change.finding ? [`Finding: ${change.finding}`] : []),
    `Why: ${change.rationale}`,
    ...(change.fixed.length > 0 ? ['Fixes tests:', ...change.fixed.map((test) => `- ${test}`)] : []),
    ...(change.effect ? [`Effect: ${change.effect}`] : []),
    '',
    `Run: ${runId} (recursive-improve, ${change.source})`,
  ];
  return `${lines.join('\n')}\n`;
}

export function changeRequestTitle(changes: readonly AcceptedChange[]): string {
  if (changes.length === 1) return clip(`improve: ${headline(changes[0]!)} in ${changes[0]!.files.join(', ')}`, 100);
  const files = [...new Set(changes.flatMap((change) => change.files))];
  const fixed = changes.reduce((sum, change) => sum + change.fixed.length, 0);
  const what = fixed > 0 ? `fix ${plural(fixed, 'failing test')}` : plural(changes.length, 'improvement');
  return clip(`improve: ${what} in ${files.join(', ')}`, 100);
}

const suiteLine = (suite: SuiteSummary) => `${suite.passed}/${suite.total} passing, ${suite.failed} failing`;

/** The body: tests before and after, each change with its diff and why, the findings left, the run. */
export function changeRequestBody(report: ImprovementReport, changes: readonly PublishedChange[], fingerprint: string): string {
  const diffBudget = Math.floor(BODY_LIMIT / Math.max(1, changes.length)) - 1_000;
  const sections = changes.map((change, index) => {
    const diff = change.diff.trimEnd();
    return [
      `### ${index + 1}. \`${change.files.join('`, `')}\` (${change.category}, ${change.priority})`,
      '',
      ...(change.finding ? [`**Finding:** ${change.finding}`, ''] : []),
      `**Why:** ${change.rationale}`,
      '',
      change.fixed.length > 0
        ? `**Fixes:** ${change.fixed.map((test) => `\`${test}\``).join(', ')}`
        : `**Effect:** ${change.effect ?? 'none recorded'}`,
      '',
      '```diff',
      diff.length > diffBudget ? `${diff.slice(0, diffBudget)}\n… (cut; the commit holds all of it)` : diff,
      '```',
    ].join('\n');
  });
  const left = report.findings.slice(0, FINDINGS_LISTED).map((finding) => {
    const where = finding.file ? `\`${finding.file}${finding.line !== undefined ? `:${finding.line}` : ''}\` ` : '';
    return `- [${finding.priority}] ${finding.category}: ${where}${finding.message.split('\n')[0]}`;
  });
  if (report.findings.length > FINDINGS_LISTED) left.push(`- … and ${report.findings.length - FINDINGS_LISTED} more in the run's report`);
  return [
    `Changes found and checked by [recursive-improve](https://www.npmjs.com/package/recursive-improve): each one was kept only because the suite passed more tests with it and broke none. Review them like any other change: this pull request is a draft.`,
    '',
    `**Tests:** ${suiteLine(report.baseline)} before, ${suiteLine(report.final)} after (status: ${report.status}).`,
    '',
    `## Changes (${changes.length})`,
    '',
    sections.join('\n\n'),
    '',
    `## Findings left (${report.findings.length})`,
    '',
    ...(left.length > 0 ? left : ['None.']),
    '',
    `Run \`${report.runId}\`.`,
    '',
    changesMarker(fingerprint),
  ].join('\n');
}

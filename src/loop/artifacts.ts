import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Edit } from '../contract/edit.ts';
import { IMPROVE_DIR } from '../contract/options.ts';
import type { ImprovementReport, Publication, SuiteSummary } from '../contract/report.ts';
import { unifiedDiffs } from '../patch/diff.ts';
import { planEdits } from '../patch/edits.ts';
import { plural } from '../text/plural.ts';

/** `<project>/.improve/runs/<runId>/`: the run's report, patch and summary, and the data its loop state refers to. */
export function artifactsDirFor(projectDir: string, runId: string): string {
  return path.join(projectDir, IMPROVE_DIR, 'runs', runId);
}

/**
 * The accepted edits as one patch against the project as it is on disk. Falls back to the
 * per-change diffs in order when the files changed on disk since the run started.
 */
export async function improvementsPatch(projectDir: string, edits: readonly Edit[], fallback: readonly string[]): Promise<string> {
  try {
    return unifiedDiffs(await planEdits(edits, (file) => readFile(path.join(projectDir, file), 'utf8')));
  } catch {
    return fallback.join('');
  }
}

/** Writes report.json, improvements.patch and summary.md, each whole or not at all. */
export async function writeArtifacts(dir: string, report: ImprovementReport, patch: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeWhole(dir, [...reportFiles(report), ['improvements.patch', patch]]);
}

/** Rewrites report.json and summary.md of a finished run (in its `artifactsDir`) once more is known: what publishing did. */
export async function rewriteReport(report: ImprovementReport): Promise<void> {
  await writeWhole(report.artifactsDir, reportFiles(report));
}

const reportFiles = (report: ImprovementReport): [string, string][] => [
  ['report.json', `${JSON.stringify(report, null, 2)}\n`],
  ['summary.md', renderSummary(report)],
];

/** One more file of a run's artifacts (the HTML report), whole or not at all. */
export async function writeArtifact(dir: string, name: string, text: string): Promise<void> {
  await writeWhole(dir, [[name, text]]);
}

async function writeWhole(dir: string, files: readonly [string, string][]): Promise<void> {
  for (const [name, text] of files) {
    const temp = path.join(dir, `.${name}.tmp`);
    await writeFile(temp, text);
    await rename(temp, path.join(dir, name));
  }
}

export function renderSummary(report: ImprovementReport): string {
  const suite = (s: SuiteSummary) =>
    `${s.passed}/${s.total} passed, ${s.failed} failed (${(s.durationMs / 1000).toFixed(1)} s)${s.error ? `, error: ${s.error}` : ''}`;
  const lines = [
    `# Improvement run ${report.runId}`,
    '',
    `- Status: **${report.status}** (stopped: ${report.stopReason}, after ${plural(report.iterations, 'iteration')})`,
    `- Baseline: ${suite(report.baseline)}`,
    ...(report.baseline.node ? [`- Node: ${report.baseline.node}`] : []),
    `- Final: ${suite(report.final)}`,
    `- Time: ${(report.timings.totalMs / 1000).toFixed(1)} s total, ${(report.timings.testMs / 1000).toFixed(1)} s testing` +
      (report.tokensUsed > 0 ? `, ${report.tokensUsed} tokens` : ''),
    report.writeMode === 'write'
      ? report.writeError
        ? `- Not written to the project: ${report.writeError}`
        : `- Written to the project: ${report.written.join(', ') || 'nothing'}`
      : '- Dry run: the project was not modified; see improvements.patch',
    ...(report.published ? [`- Pull request: ${publicationLine(report.published)}`] : []),
    '',
    `## Accepted (${report.accepted.length})`,
    '',
    ...report.accepted.flatMap((c) => [
      `### ${c.files.join(', ')} (${c.category}, ${c.priority})`,
      '',
      c.rationale,
      '',
      // A change for a finding other than a failing test fixes no test: what it did is its effect.
      c.fixed.length > 0 ? `Fixed: ${c.fixed.join('; ')}` : `Effect: ${c.effect ?? 'none recorded'}`,
      '',
      '```diff',
      c.diff.trimEnd(),
      '```',
      '',
    ]),
    `## Rejected (${report.rejected.length})`,
    '',
    ...report.rejected.map((c) => `- ${c.files.join(', ')}: ${c.reason} (${c.stage}; ${c.rationale})`),
    '',
    `## Still open (${report.findings.length})`,
    '',
    ...report.findings.map((f) => `- [${f.priority}] ${f.file ? `${f.file}${f.line ? `:${f.line}` : ''}: ` : ''}${f.message}`),
    '',
    ...(report.unaddressed
      ? [`Not addressed: ${report.unaddressed.count} (${report.unaddressed.categories.join(', ')}): ${report.unaddressed.reason}.`, '']
      : []),
  ];
  return lines.join('\n');
}

/** What publishing did, in one line: the pull request, why there is none, or what failed. */
export function publicationLine(published: Publication): string {
  if (published.skipped) return `none (${published.skipped})`;
  if (published.pullRequest)
    return `${published.pullRequest.url} (${published.pullRequest.updated ? 'updated' : 'opened'}, branch ${published.branch})`;
  return `failed: ${published.error}${published.pushCommand ? `; push the branch with: ${published.pushCommand}` : ''}`;
}

// GitHub Actions' workflow commands and environment files, as its documentation gives them:
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import { randomUUID } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImprovementReport, ReportFinding } from '../contract/report.ts';

/** CI mode unless the command line says otherwise: on where the CI environment variable says so (GitHub Actions, most others). */
export const ciMode = (flag: boolean | undefined, env: NodeJS.ProcessEnv) => flag ?? env.CI === 'true';

/** A command's message: `%`, CR and LF escaped, as the runner's own toolkit does. */
export const escapeData = (text: string) => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');

/** A command's property value: as data, plus `:` and `,`, which separate properties. */
export const escapeProperty = (text: string) => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');

const LEVEL = { high: 'error', medium: 'warning' } as const;

/**
 * One annotation per finding left that matters: `::error` for High, `::warning` for Medium (Low ones
 * stay in the report). `file` is relative to `workspace`, the repository's top, as GitHub wants it.
 */
export function annotations(findings: readonly ReportFinding[], projectDir: string, workspace: string): string[] {
  return findings.flatMap((finding) => {
    if (finding.priority === 'low') return [];
    const properties = [
      ...(finding.file ? [`file=${escapeProperty(path.relative(workspace, path.resolve(projectDir, finding.file)))}`] : []),
      ...(finding.file && finding.line !== undefined ? [`line=${finding.line}`] : []),
      `title=${escapeProperty(`recursive-improve: ${finding.category} (${finding.priority})`)}`,
    ];
    return [`::${LEVEL[finding.priority]} ${properties.join(',')}::${escapeData(finding.message)}`];
  });
}

export const group = (title: string) => `::group::${escapeData(title)}`;
export const END_GROUP = '::endgroup::';

/** What the action's steps can read after the run: `status`, `pr-url`, `report`. */
export interface ActionOutputs {
  status: 'green' | 'improved' | 'unchanged' | 'failed' | 'awaiting-approval';
  'pr-url': string;
  report: string;
}

/** Appends outputs to the `GITHUB_OUTPUT` file, each as `name<<delimiter` so no value can break out of its line. */
export async function writeOutputs(file: string, outputs: ActionOutputs): Promise<void> {
  const text = Object.entries(outputs)
    .map(([name, value]) => {
      const delimiter = `ghadelimiter_${randomUUID()}`;
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
  await appendFile(file, text);
}

/** Appends the run's summary.md (and what publishing did, which it holds) to the job's `GITHUB_STEP_SUMMARY`. */
export async function writeStepSummary(file: string, report: ImprovementReport): Promise<void> {
  const summary = await readFile(path.join(report.artifactsDir, 'summary.md'), 'utf8');
  await appendFile(file, `${summary.trimEnd()}\n\n`);
}

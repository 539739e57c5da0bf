// The report a run ends with, as a client gets it: in the `run-finish` event, or in report.json.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ImprovementReport, ImprovementReportSchema } from '../../src/index.ts';

/** The report carried by the last event, or why there is none. */
export function reportFromEvents(events: Record<string, unknown>[]): ImprovementReport | string {
  const last = events.at(-1);
  if (last?.type !== 'run-finish') return `the stream did not end with run-finish (last: ${String(last?.type ?? 'nothing')})`;
  if (last.status !== 'success') return `the run finished ${String(last.status)}: ${String(last.error ?? '')}`.trim();
  const parsed = ImprovementReportSchema.safeParse(last.result);
  return parsed.success ? parsed.data : `run-finish carries no valid report: ${parsed.error.issues[0]?.message}`;
}

/** A run's report.json in the project's .improve folder, if it was written. */
export async function storedReport(projectDir: string, runId: string): Promise<ImprovementReport | undefined> {
  const text = await readFile(join(projectDir, '.improve/runs', runId, 'report.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = ImprovementReportSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}

/** Undefined when the report is green or says why not: findings left, what cannot address them, or a green that did not hold. */
export function unexplained(report: ImprovementReport): string | undefined {
  if (report.status === 'green') return undefined;
  if (report.findings.length > 0 || report.unaddressed || report.stopReason === 'unconfirmed') return undefined;
  return `not green (${report.status}, stop: ${report.stopReason}) with no finding left to say why`;
}

/** The events whose runId is another run's (events without one are not counted). */
export const foreignEvents = (events: Record<string, unknown>[], runId: string): Record<string, unknown>[] =>
  events.filter((event) => typeof event.runId === 'string' && event.runId !== runId);

// The commands that read a project's history; loaded once the arguments are known to be good.
import { rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { htmlReport, listRuns, readHistory } from '../api/history.ts';
import { learnedFor, resetLearned } from '../api/learning.ts';
import type { RunRecord } from '../contract/history.ts';
import type { HistoryArgs, ReportArgs, RunsArgs } from './args.ts';
import { UsageError } from './args.ts';
import { EXIT } from './exit.ts';
import { sparkline } from './sparkline.ts';

async function checkDir(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new UsageError(`project directory not found: ${dir}`);
  if (!info.isDirectory()) throw new UsageError(`not a directory: ${dir}`);
}

const when = (iso: string) => iso.replace('T', ' ').slice(0, 16);
const passRate = (r: RunRecord) => (r.final.total === 0 ? null : (r.final.passed / r.final.total) * 100);
const findingsLeft = (r: RunRecord) => r.findings.high + r.findings.medium + r.findings.low;

/** One line per run: when, status, tests passed, coverage when the runner gave it, findings H/M/L, changes kept. */
export function runLine(r: RunRecord): string {
  const coverage = r.final.lineCoverage === undefined ? '' : `cov ${r.final.lineCoverage.toFixed(1)}%`;
  return [
    when(r.finishedAt),
    r.status.padEnd(9),
    `tests ${r.final.passed}/${r.final.total}`.padEnd(13),
    coverage.padEnd(10),
    `findings H${r.findings.high} M${r.findings.medium} L${r.findings.low}`.padEnd(18),
    `kept ${r.changes.kept}`.padEnd(7),
    r.runId,
  ].join(' ');
}

/** The trends at a glance: a sparkline and the first and last value of each. */
export function trendLines(records: readonly RunRecord[]): string[] {
  const trend = (label: string, values: (number | null)[], show: (v: number) => string) => {
    const known = values.filter((v): v is number => v !== null);
    const ends = known.length > 0 ? `${show(known[0]!)} → ${show(known.at(-1)!)}` : '';
    return `${label.padEnd(10)} ${sparkline(values)}  ${ends}`;
  };
  return [
    trend('pass rate', records.map(passRate), (v) => `${v.toFixed(1)}%`),
    trend(
      'duration',
      records.map((r) => r.final.durationMs),
      (v) => `${(v / 1000).toFixed(1)} s`,
    ),
    trend('findings', records.map(findingsLeft), String),
  ];
}

export async function history(args: HistoryArgs, projectDir: string): Promise<number> {
  await checkDir(projectDir);
  const scope = args.project !== undefined ? { project: args.project } : {};
  if (args.resetLearned) {
    const forgotten = await resetLearned(projectDir, scope);
    console.log(`forgot ${forgotten} decision${forgotten === 1 ? '' : 's'}: the next run starts from the defaults`);
    return EXIT.green;
  }
  if (args.learned) {
    const learned = await learnedFor(projectDir, scope);
    if (args.json) console.log(JSON.stringify(learned, null, 2));
    else if (learned.decisions === 0) console.log(`nothing learned yet for ${learned.project}`);
    else
      console.log(
        [`learned from ${learned.decisions} decisions for ${learned.project}:`, ...learned.lines.map((l) => `  ${l}`)].join('\n'),
      );
    return EXIT.green;
  }
  const records = await readHistory(projectDir, { ...scope, ...(args.limit !== undefined && { limit: args.limit }) });
  if (args.json) {
    console.log(JSON.stringify(records, null, 2));
    return EXIT.green;
  }
  if (records.length === 0) {
    console.log(`no run recorded for ${projectDir} yet`);
    return EXIT.green;
  }
  const lines = records.map(runLine);
  if (process.stdout.isTTY && records.length > 1) lines.push('', ...trendLines(records));
  console.log(lines.join('\n'));
  return EXIT.green;
}

export async function runs(args: RunsArgs, projectDir: string): Promise<number> {
  await checkDir(projectDir);
  const listed = await listRuns(projectDir);
  if (args.json) console.log(JSON.stringify(listed, null, 2));
  else if (listed.length === 0) console.log(`no runs in ${projectDir}`);
  else {
    const lines = listed.map((run) => {
      const hint = run.resumable ? `  (continue: improve resume ${run.runId} --dir ${projectDir})` : '';
      return `${when(run.startedAt)}  ${run.status.padEnd(9)}  ${run.runId}${hint}`;
    });
    console.log(lines.join('\n'));
  }
  return EXIT.green;
}

/** Writes the report whole or not at all: a temporary file beside the target, renamed over it. */
export async function report(args: ReportArgs, projectDir: string): Promise<number> {
  await checkDir(projectDir);
  const file = path.resolve(args.html);
  const folder = await stat(path.dirname(file)).catch(() => undefined);
  if (!folder?.isDirectory()) throw new UsageError(`--html: directory not found: ${path.dirname(file)}`);
  if ((await stat(file).catch(() => undefined))?.isDirectory()) throw new UsageError(`--html names a directory: ${file}`);
  const html = await htmlReport(projectDir, {
    ...(args.runId !== undefined && { runId: args.runId }),
    ...(args.limit !== undefined && { limit: args.limit }),
    ...(args.project !== undefined && { project: args.project }),
  });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, html);
  await rename(temporary, file);
  console.log(`wrote ${file}`);
  return EXIT.green;
}

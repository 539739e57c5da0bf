import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LibSQLStore } from '@mastra/libsql';
import { IMPROVE_WORKFLOW_ID } from '../../workflows/improve.ts';
import { ImproveError, ImproveRunStateError } from '../contract/errors.ts';
import { projectKey, type RunRecord } from '../contract/history.ts';
import { storeDirOf } from '../contract/options.ts';
import { type ImprovementReport, ImprovementReportSchema } from '../contract/report.ts';
import { artifactsDirFor } from '../loop/artifacts.ts';
import { renderHtmlReport } from '../report/html.ts';
import { type Records, recordsFor, recordsOn } from '../store/records.ts';
import { connectionOf, createStore, STORE_FILE } from '../store/storage.ts';

export interface HistoryOptions {
  /** A workspace package of `dir` (the run's `--project`): its own history. */
  project?: string;
  /** The latest that many runs. */
  limit?: number;
  /**
   * A Mastra store holding runs of `dir` too (a server's, where the Studio's runs are kept): when it
   * is a LibSQL store, its records are read along with those of the project's own store.
   */
  storage?: object;
}

/** The store of `dir`, when there is one: a read never creates it. */
const existingStoreDir = (dir: string) => {
  const storeDir = storeDirOf(dir);
  return existsSync(path.join(storeDir, STORE_FILE)) ? storeDir : undefined;
};

/** A project's finished runs, oldest first (see `RunRecordSchema` for the figures kept). */
export async function readHistory(dir: string, options: HistoryOptions = {}): Promise<RunRecord[]> {
  const projectDir = path.resolve(dir);
  const project = projectKey({ projectDir, project: options.project });
  const storeDir = existingStoreDir(projectDir);
  const shared = connectionOf(options.storage);
  const sources: Records[] = [...(storeDir ? [recordsFor(undefined, storeDir)] : []), ...(shared ? [recordsOn(shared)] : [])];
  const byRun = new Map<string, RunRecord>();
  for (const records of new Set(sources))
    for (const run of await records.runs(project, { limit: options.limit })) byRun.set(run.runId, run);
  const runs = [...byRun.values()].sort((a, b) => a.finishedAt.localeCompare(b.finishedAt) || a.runId.localeCompare(b.runId));
  return options.limit === undefined ? runs : runs.slice(-options.limit);
}

const stores = new Map<string, Promise<LibSQLStore>>();

/** The Mastra store of an existing store directory, made ready once (a store holding only the history has no workflow tables yet). */
function workflowStore(storeDir: string): Promise<LibSQLStore> {
  let store = stores.get(storeDir);
  if (!store) {
    const made = createStore(storeDir);
    store = made.init().then(() => made);
    stores.set(storeDir, store);
  }
  return store;
}

/** A run in a project's store, finished or not. */
export interface RunListing {
  runId: string;
  /** A finished run's status (`green`, `improved`, `unchanged`), else the workflow's: `suspended` (waiting for approval), `running` (or interrupted), `failed`. */
  status: string;
  /** ISO time the run started. */
  startedAt: string;
  /** Whether `improve resume` can pick it up. */
  resumable: boolean;
}

/**
 * Every run in the project's store, oldest first: finished ones from the history, and those
 * without a record yet (waiting for approval, interrupted, failed) from the workflow's snapshots.
 */
export async function listRuns(dir: string): Promise<RunListing[]> {
  const projectDir = path.resolve(dir);
  const storeDir = existingStoreDir(projectDir);
  if (!storeDir) return [];
  const records = recordsFor(undefined, storeDir);
  const recorded = new Map<string, RunRecord>();
  for (const { project } of await records.projects()) {
    if (project === projectDir || project.startsWith(`${projectDir}:`))
      for (const run of await records.runs(project)) recorded.set(run.runId, run);
  }
  const workflows = await (await workflowStore(storeDir)).getStore('workflows');
  const { runs: stored } = (await workflows?.listWorkflowRuns({ workflowName: IMPROVE_WORKFLOW_ID })) ?? { runs: [] };
  const listed = new Map<string, RunListing>();
  for (const run of stored) {
    const snapshot = typeof run.snapshot === 'string' ? (JSON.parse(run.snapshot) as { status?: string }) : run.snapshot;
    const status = String(snapshot.status ?? 'unknown');
    listed.set(run.runId, {
      runId: run.runId,
      status,
      startedAt: new Date(run.createdAt).toISOString(),
      resumable: status === 'suspended' || status === 'running',
    });
  }
  for (const run of recorded.values()) {
    listed.set(run.runId, { runId: run.runId, status: run.status, startedAt: run.startedAt, resumable: false });
  }
  return [...listed.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.runId.localeCompare(b.runId));
}

/** A run's `report.json` from its artifacts, when it is there. */
async function readReport(projectDir: string, runId: string): Promise<ImprovementReport | undefined> {
  const file = path.join(artifactsDirFor(projectDir, runId), 'report.json');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : ImprovementReportSchema.parse(JSON.parse(text));
}

/**
 * The HTML report (see `renderHtmlReport`) of the latest run, or of `runId`: the project's trends
 * and that run's changes, from its `report.json` when the artifacts are still there.
 */
export async function htmlReport(dir: string, options: HistoryOptions & { runId?: string } = {}): Promise<string> {
  const projectDir = path.resolve(dir);
  const history = await readHistory(projectDir, { ...options, limit: undefined });
  const runId = options.runId ?? history.at(-1)?.runId;
  if (runId === undefined) throw new ImproveError('input', `no recorded run in ${projectDir}: run improve ${projectDir} first`);
  const report = await readReport(projectDir, runId);
  if (!report && !history.some((run) => run.runId === runId)) throw new ImproveRunStateError(`no run ${runId} in ${projectDir}`);
  const shown = options.limit === undefined ? history : history.slice(-options.limit);
  return renderHtmlReport({ history: shown, ...(report && { report }) });
}

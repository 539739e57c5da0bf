import { mkdirSync } from 'node:fs';
import { type Client, createClient } from '@libsql/client';
import { type Decision, DecisionSchema, type RunRecord, RunRecordSchema } from '../contract/history.ts';
import { connectionOf, storeUrl } from './storage.ts';

/** What is kept across runs of a project: each run's figures, and every decision about a change. */
export interface Records {
  /** Records a finished run (again: replaces it). */
  saveRun(record: RunRecord): Promise<void>;
  /** A project's runs, oldest first; with `limit`, the latest that many. */
  runs(project: string, options?: { limit?: number }): Promise<RunRecord[]>;
  /** Every project with runs, and how many. */
  projects(): Promise<{ project: string; runs: number }[]>;
  saveDecision(decision: Decision): Promise<void>;
  /** A project's decisions, oldest first. */
  decisions(project: string): Promise<Decision[]>;
  /** Forgets a project's decisions (what was learned); returns how many. */
  forgetDecisions(project: string): Promise<number>;
}

const SCHEMA = [
  'CREATE TABLE IF NOT EXISTS improve_runs (run_id TEXT PRIMARY KEY, project TEXT NOT NULL, finished_at TEXT NOT NULL, record TEXT NOT NULL)',
  'CREATE INDEX IF NOT EXISTS improve_runs_by_project ON improve_runs (project, finished_at)',
  'CREATE TABLE IF NOT EXISTS improve_decisions (id INTEGER PRIMARY KEY AUTOINCREMENT, project TEXT NOT NULL, at TEXT NOT NULL, decision TEXT NOT NULL)',
  'CREATE INDEX IF NOT EXISTS improve_decisions_by_project ON improve_decisions (project, id)',
];

const onClient = new WeakMap<Client, Records>();

/** The records in a SQL database (LibSQL), in tables of their own next to Mastra's; one per connection. */
export function recordsOn(client: Client): Records {
  let records = onClient.get(client);
  if (!records) {
    records = sqlRecords(client);
    onClient.set(client, records);
  }
  return records;
}

function sqlRecords(client: Client): Records {
  let ready: Promise<unknown> | undefined;
  const prepared = () => (ready ??= client.batch(SCHEMA, 'write'));
  const rows = async (sql: string, args: (string | number)[]) => {
    await prepared();
    return (await client.execute({ sql, args })).rows;
  };
  return {
    async saveRun(record) {
      const checked = RunRecordSchema.parse(record);
      await rows('INSERT OR REPLACE INTO improve_runs (run_id, project, finished_at, record) VALUES (?, ?, ?, ?)', [
        checked.runId,
        checked.project,
        checked.finishedAt,
        JSON.stringify(checked),
      ]);
    },
    async runs(project, { limit } = {}) {
      const found = await rows('SELECT record FROM improve_runs WHERE project = ? ORDER BY finished_at DESC, run_id DESC LIMIT ?', [
        project,
        limit ?? -1,
      ]);
      return found.map((row) => RunRecordSchema.parse(JSON.parse(String(row.record)))).reverse();
    },
    async projects() {
      const found = await rows('SELECT project, COUNT(*) AS runs FROM improve_runs GROUP BY project ORDER BY project', []);
      return found.map((row) => ({ project: String(row.project), runs: Number(row.runs) }));
    },
    async saveDecision(decision) {
      const checked = DecisionSchema.parse(decision);
      await rows('INSERT INTO improve_decisions (project, at, decision) VALUES (?, ?, ?)', [
        checked.project,
        checked.at,
        JSON.stringify(checked),
      ]);
    },
    async decisions(project) {
      const found = await rows('SELECT decision FROM improve_decisions WHERE project = ? ORDER BY id', [project]);
      return found.map((row) => DecisionSchema.parse(JSON.parse(String(row.decision))));
    },
    async forgetDecisions(project) {
      await prepared();
      return (await client.execute({ sql: 'DELETE FROM improve_decisions WHERE project = ?', args: [project] })).rowsAffected;
    },
  };
}

const opened = new Map<string, Client>();

/**
 * The records of a run: on the connection of the Mastra store it runs with when that is a LibSQL
 * store (ours or a user's app's, see `connectionOf`), else in the LibSQL store of `storeDir`.
 */
export function recordsFor(storage: object | undefined, storeDir: string): Records {
  const shared = connectionOf(storage);
  if (shared) return recordsOn(shared);
  const url = storeUrl(storeDir);
  let client = opened.get(url);
  if (!client) {
    mkdirSync(storeDir, { recursive: true });
    client = createClient({ url });
    opened.set(url, client);
  }
  return recordsOn(client);
}

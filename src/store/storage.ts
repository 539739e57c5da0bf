import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { LibSQLStore } from '@mastra/libsql';
import { storeDirOf } from '../contract/options.ts';

export const STORE_FILE = 'mastra.db';

/**
 * Where a server's runs live when nobody says: `$IMPROVE_STORE_DIR`, else the store of the
 * directory the command was started from (npm's INIT_CWD survives `mastra dev` moving the process
 * into its build folder).
 */
export function defaultStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.IMPROVE_STORE_DIR || storeDirOf(env.INIT_CWD || process.cwd()));
}

/**
 * The SQL connection behind a store made here, kept on the store itself: Mastra hands steps its
 * storage wrapped in a Proxy, which passes property reads through (a WeakMap would miss it).
 */
const CONNECTION = Symbol.for('recursive-improve.connection');

/** The database file of a store directory, by absolute path (a relative `file:` URL resolves against the process's directory). */
export const storeUrl = (storeDir: string) => `file:${path.join(path.resolve(storeDir), STORE_FILE)}`;

/** A LibSQL store in `<storeDir>/mastra.db`: Mastra's snapshots, and the run history on the same connection. */
export function createStore(storeDir: string): LibSQLStore {
  mkdirSync(path.resolve(storeDir), { recursive: true });
  const client = createClient({ url: storeUrl(storeDir) });
  return Object.assign(new LibSQLStore({ id: 'recursive-improve', client }), { [CONNECTION]: client });
}

/**
 * The LibSQL connection of a Mastra store, for the run history to share: ours, or the `client` of
 * a LibSQL store a user's app made; undefined for any other kind of store.
 */
export function connectionOf(store: object | undefined): Client | undefined {
  const candidate =
    (store as { [CONNECTION]?: Client; client?: unknown } | undefined)?.[CONNECTION] ?? (store as { client?: unknown })?.client;
  const sql = candidate as Partial<Client> | undefined;
  return typeof sql?.execute === 'function' && typeof sql.batch === 'function' ? (sql as Client) : undefined;
}

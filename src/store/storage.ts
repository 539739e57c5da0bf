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

/** The SQL connection behind each store made here: the run history shares it (see `records.ts`). */
const connections = new WeakMap<object, Client>();

/** The database file of a store directory, by absolute path (a relative `file:` URL resolves against the process's directory). */
export const storeUrl = (storeDir: string) => `file:${path.join(path.resolve(storeDir), STORE_FILE)}`;

/** A LibSQL store in `<storeDir>/mastra.db`: Mastra's snapshots, and the run history on the same connection. */
export function createStore(storeDir: string): LibSQLStore {
  mkdirSync(path.resolve(storeDir), { recursive: true });
  const client = createClient({ url: storeUrl(storeDir) });
  const store = new LibSQLStore({ id: 'recursive-improve', client });
  connections.set(store, client);
  return store;
}

/** The SQL connection of a store this module made; undefined for any other. */
export const connectionOf = (store: object | undefined): Client | undefined => (store ? connections.get(store) : undefined);

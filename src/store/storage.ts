import { mkdirSync } from 'node:fs';
import path from 'node:path';
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
 * A LibSQL store in `<storeDir>/mastra.db`, always by absolute path: a relative `file:` URL would
 * resolve against whatever directory the process runs in.
 */
export function createStore(storeDir: string): LibSQLStore {
  const dir = path.resolve(storeDir);
  mkdirSync(dir, { recursive: true });
  return new LibSQLStore({ id: 'recursive-improve', url: `file:${path.join(dir, STORE_FILE)}` });
}

import { createImproveMastra } from './src/api/improve-mastra.ts';

/**
 * The Mastra instance `mastra dev` (through src/mastra/index.ts) and Studio use. Snapshots go to
 * `$IMPROVE_STORE_DIR/mastra.db`, else `.improve/mastra.db` where the command was started.
 */
export const mastra = createImproveMastra();

import type { IMastraLogger } from '@mastra/core/logger';
import { Mastra } from '@mastra/core/mastra';
import { createImproveWorkflow, IMPROVE_WORKFLOW_ID } from '../../workflows/improve.ts';
import { createStore, defaultStoreDir } from '../store/storage.ts';
import { historyRoutes } from './history-routes.ts';

export interface ImproveMastraOptions {
  /** Directory of the LibSQL store (`mastra.db`); default: `defaultStoreDir()`. */
  storeDir?: string;
  /** Mastra's logger; `false` for none (what the CLI and tests want). */
  logger?: IMastraLogger | false;
}

/**
 * A Mastra instance with the improvement workflow registered as `improve` and durable storage;
 * also makes the built-in suggesters available by name. Its server answers `/improve/history` and
 * `/improve/report` (see `historyRoutes`).
 */
export function createImproveMastra(options: ImproveMastraOptions = {}) {
  return new Mastra({
    workflows: { [IMPROVE_WORKFLOW_ID]: createImproveWorkflow() },
    storage: createStore(options.storeDir ?? defaultStoreDir()),
    server: { apiRoutes: historyRoutes() },
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  });
}
export type ImproveMastra = ReturnType<typeof createImproveMastra>;

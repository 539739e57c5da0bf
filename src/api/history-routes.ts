import { stat } from 'node:fs/promises';
import path from 'node:path';
import { registerApiRoute } from '@mastra/core/server';
import { errorCategory } from '../contract/errors.ts';
import { htmlReport, readHistory } from './history.ts';

/** A request's project directory: an absolute path to a directory, or a one-line reason why not. */
async function projectDirOf(dir: string | undefined): Promise<string | { error: string }> {
  if (!dir) return { error: 'missing ?dir=<absolute project directory>' };
  if (!path.isAbsolute(dir)) return { error: `dir must be an absolute path, got "${dir}"` };
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) return { error: `not a directory: ${dir}` };
  return dir;
}

const limitOf = (raw: string | undefined) => (raw !== undefined && /^[1-9]\d*$/.test(raw) ? { limit: Number(raw) } : {});

/**
 * The history next to the Studio: `GET /improve/history?dir=` (the project's RunRecords as JSON)
 * and `GET /improve/report?dir=[&runId=]` (its HTML report). Runs are read from the project's own
 * store and from the server's, where the Studio's runs are kept. A bad request is a 400 with a one-line `error`.
 */
export function historyRoutes() {
  return [
    registerApiRoute('/improve/history', {
      method: 'GET',
      handler: async (c) => {
        const dir = await projectDirOf(c.req.query('dir'));
        if (typeof dir !== 'string') return c.json(dir, 400);
        const storage = c.get('mastra').getStorage();
        return c.json(await readHistory(dir, { ...limitOf(c.req.query('limit')), ...(storage && { storage }) }));
      },
    }),
    registerApiRoute('/improve/report', {
      method: 'GET',
      handler: async (c) => {
        const dir = await projectDirOf(c.req.query('dir'));
        if (typeof dir !== 'string') return c.json(dir, 400);
        const storage = c.get('mastra').getStorage();
        const runId = c.req.query('runId');
        try {
          return c.html(await htmlReport(dir, { ...limitOf(c.req.query('limit')), ...(storage && { storage }), ...(runId && { runId }) }));
        } catch (error) {
          if (errorCategory(error) !== 'input') throw error;
          return c.json({ error: (error as Error).message.split('\n')[0] }, 404);
        }
      },
    }),
  ];
}

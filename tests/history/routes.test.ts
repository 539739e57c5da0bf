import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImproveMastra } from '../../src/api/improve-mastra.ts';
import { RunRecordSchema } from '../../src/contract/history.ts';
import { projectWithHistory, threeRuns } from './records.ts';

// The routes as the Mastra server mounts them (a Hono app with `mastra` set on each request),
// without starting `mastra dev`: the instance's own route handlers over a real store.
let root: string;
let project: string;
let app: Hono;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'improve-routes-'));
  project = path.join(root, 'project');
  await projectWithHistory(project);
  const mastra = createImproveMastra({ storeDir: path.join(root, 'server-store'), logger: false });
  const server = new Hono<{ Variables: { mastra: typeof mastra } }>();
  server.use(async (c, next) => {
    c.set('mastra', mastra);
    await next();
  });
  for (const route of mastra.getServer()?.apiRoutes ?? []) {
    if ('handler' in route && route.method === 'GET') server.get(route.path, route.handler as never);
  }
  app = server as unknown as Hono;
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the server routes of createImproveMastra', () => {
  it('GET /improve/history?dir= answers the RunRecords as JSON, oldest first', async () => {
    const response = await app.request(`/improve/history?dir=${encodeURIComponent(project)}`);
    expect(response.status).toBe(200);
    expect(RunRecordSchema.array().parse(await response.json())).toEqual(threeRuns(project));
    const latest = await app.request(`/improve/history?dir=${encodeURIComponent(project)}&limit=1`);
    expect(
      RunRecordSchema.array()
        .parse(await latest.json())
        .map((r) => r.runId),
    ).toEqual([threeRuns(project)[2]!.runId]);
  });

  it('GET /improve/report?dir= answers the HTML report', async () => {
    const response = await app.request(`/improve/report?dir=${encodeURIComponent(project)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('id="improve-data"');
    expect(html).toContain('Changes kept (1)');
  });

  it.each([
    ['/improve/history', /^missing \?dir=/],
    ['/improve/history?dir=relative/path', /^dir must be an absolute path/],
    ['/improve/report?dir=/no/such/dir', /^not a directory: \/no\/such\/dir$/],
  ])('%s is a 400 with a one-line error', async (url, message) => {
    const response = await app.request(url);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
  });
});

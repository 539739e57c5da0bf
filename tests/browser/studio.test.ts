import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MastraClient } from '@mastra/client-js';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImprovementReportSchema } from '../../src/contract/report.ts';
import { paginateProject } from '../server/paginate-project.ts';
import { type MastraServer, startMastraServer } from '../support/mastra-server.ts';
import { treeHash } from '../workflow/support/projects.ts';

/** The last screenshot of each stage, for a person to look at after a run (or a failure). */
const SCREENSHOTS = path.join(tmpdir(), 'improve-studio');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let server: MastraServer;
let browser: Browser;
let page: Page;
const project = paginateProject();

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [server, browser] = await Promise.all([
    startMastraServer(),
    chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS }),
  ]);
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(60_000);
  // The Studio asks the npm registry for package versions; it works without, and tests stay offline.
  await page.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    return hostname === 'localhost' || hostname === '127.0.0.1' ? route.continue() : route.abort();
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  project.remove();
}, 60_000);

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

describe('Mastra Studio (real mastra dev, headless Chromium)', () => {
  it('lists the improve workflow', async () => {
    await page.goto(`${server.url}/workflows`);
    // The table renders as a skeleton first: wait for the link itself.
    const link = page.getByRole('link', { name: /improve/ }).first();
    await link.waitFor();
    await shot('workflows');
    expect(await link.getAttribute('href')).toMatch(/\/workflows\/improve(\/|$)/);
  }, 120_000);

  it('renders the input form from the options schema', async () => {
    await page.goto(`${server.url}/workflows/improve/graph`);
    await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
    const textboxes = ['projectDir', 'testCommand', 'suggester'];
    const numbers = ['testRetries', 'maxIterations', 'patience', 'timeBudgetSeconds', 'tokenBudget'];
    const choices = ['sandbox', 'approval', 'writeMode'];
    for (const id of textboxes)
      await expect(
        page
          .getByRole('textbox')
          .and(page.locator(`#${id}`))
          .count(),
      ).resolves.toBe(1);
    for (const id of numbers)
      await expect(
        page
          .getByRole('spinbutton')
          .and(page.locator(`#${id}`))
          .count(),
      ).resolves.toBe(1);
    for (const id of choices)
      await expect(
        page
          .getByRole('combobox')
          .and(page.locator(`#${id}`))
          .count(),
      ).resolves.toBe(1);
    await expect(page.getByText('Absolute path of the project to improve').count()).resolves.toBe(1);
    // Defaults come from the schema.
    expect(await page.locator('#suggester').inputValue()).toBe('auto');
    expect(await page.locator('#maxIterations').inputValue()).toBe('10');
    expect(await page.locator('#approval').textContent()).toContain('auto');
    // The graph shows the steps, the nested loop of cycles among them.
    for (const step of ['sandbox-test', 'analyze', 'loop', 'cycle', 'confirm', 'finalize', 'publish'])
      await expect(page.getByText(step, { exact: true }).count()).resolves.toBeGreaterThan(0);
    await shot('graph');
  }, 120_000);

  it('runs from the form, suspends for approval with the step, resumes on approval to a green report', async () => {
    const before = treeHash(project.dir);
    await page.locator('#projectDir').fill(project.dir);
    await page.locator('#suggester').fill('repair');
    await page.locator('#testRetries').fill('0');
    await choose('sandbox', 'local');
    await choose('approval', 'manual');
    await page.getByRole('button', { name: 'Run', exact: true }).click();

    await page.getByText('Step suspended').first().waitFor({ timeout: 150_000 });
    await shot('suspended');
    await expect(page.getByText('loop.cycle.apply', { exact: true }).count()).resolves.toBeGreaterThan(0);
    const approve = page.getByRole('checkbox', { name: 'Apply this change and re-test it' });
    await approve.click();
    expect(await approve.getAttribute('aria-checked')).toBe('true');
    await page.getByRole('button', { name: 'Resume', exact: true }).click();

    await page.getByText('Success', { exact: true }).first().waitFor({ timeout: 150_000 });
    await shot('success');

    // What the Studio ran is the real thing: the server's stored run has the report.
    const workflow = new MastraClient({ baseUrl: server.url, retries: 0 }).getWorkflow('improve');
    const { runs } = await workflow.runs();
    expect(runs).toHaveLength(1);
    const runId = runs[0]?.runId as string;
    const stored = await workflow.runById(runId);
    expect(stored).toMatchObject({ status: 'success' });
    const report = ImprovementReportSchema.parse(
      JSON.parse(readFileSync(path.join(project.dir, '.improve/runs', runId, 'report.json'), 'utf8')),
    );
    expect(report).toMatchObject({
      status: 'green',
      iterations: 1,
      baseline: { failed: 2 },
      final: { passed: 6, failed: 0 },
      writeMode: 'dry-run',
    });
    expect(report.accepted.map((c) => c.files)).toEqual([['src/paginate.ts']]);
    expect(treeHash(project.dir)).toBe(before);
  }, 360_000);
});

/** Picks an option of a schema enum rendered as a select. */
async function choose(id: string, option: string): Promise<void> {
  await page.locator(`#${id}`).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  expect(await page.locator(`#${id}`).textContent()).toContain(option);
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlReport } from '../../src/api/history.ts';
import type { RunRecord } from '../../src/contract/history.ts';
import { projectWithHistory } from '../history/records.ts';

/** The screenshot of the report, for a person to look at after a run (or a failure). */
const SCREENSHOTS = path.join(tmpdir(), 'improve-report');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

/** What the test reads of a uPlot instance in the page. */
interface Plot {
  data: unknown[][];
  series: { label?: string }[];
  root: { querySelector(selector: string): unknown };
}

let browser: Browser;
let dir: string;
let runs: RunRecord[];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  dir = mkdtempSync(path.join(tmpdir(), 'improve-report-'));
  [runs, browser] = await Promise.all([
    projectWithHistory(dir),
    chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS }),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the HTML report (headless Chromium, offline)', () => {
  it('charts the recorded values with uPlot and shows the run changes', async () => {
    const file = path.join(dir, 'report.html');
    writeFileSync(file, await htmlReport(dir));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Offline: any request beyond the file itself fails the page.
    const requests: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => 'improveCharts' in globalThis);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report.png'), fullPage: true });

    const drawn = await page.evaluate(() => {
      const charts = (globalThis as unknown as { improveCharts: Record<string, Plot> }).improveCharts;
      return Object.fromEntries(
        Object.entries(charts).map(([id, plot]) => [
          id,
          {
            data: plot.data.map((s) => [...s]),
            labels: plot.series.slice(1).map((s) => s.label),
            canvas: plot.root.querySelector('canvas') !== null,
          },
        ]),
      );
    });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(Object.keys(drawn)).toEqual(['pass-rate', 'flaky', 'coverage', 'duration', 'findings']);
    for (const chart of Object.values(drawn)) expect(chart.canvas).toBe(true);
    const x = runs.map((r) => Date.parse(r.finishedAt) / 1000);
    const rate = (s: RunRecord['final']) => Math.round((s.passed / s.total) * 1000) / 10;
    expect(drawn['pass-rate']!.data).toEqual([x, runs.map((r) => rate(r.baseline)), runs.map((r) => rate(r.final))]);
    expect(drawn['pass-rate']!.data[2]).toEqual([60, 80, 90]);
    expect(drawn.flaky!.data.slice(1)).toEqual([runs.map((r) => r.baseline.flaky), runs.map((r) => r.final.flaky)]);
    expect(drawn.coverage).toMatchObject({ labels: ['lines', 'branches'], data: [x, [null, null, 78.25], [null, null, 66.5]] });
    expect(drawn.duration!.data[2]).toEqual(runs.map((r) => r.final.durationMs / 1000));
    expect(drawn.findings!.labels).toEqual(['error-handling', 'failure', 'performance']);
    expect(drawn.findings!.data.slice(1)).toEqual([
      runs.map((r) => r.findings.byCategory['error-handling'] ?? 0),
      runs.map((r) => r.findings.byCategory.failure ?? 0),
      runs.map((r) => r.findings.byCategory.performance ?? 0),
    ]);

    // The changes, escaped: the rejected change's reason is text, not a script.
    await expect(page.locator('.change.kept pre.diff .add').first().textContent()).resolves.toBe('+  return n >= lo && n <= hi;');
    await expect(page.locator('.change.rejected').textContent()).resolves.toContain('<script>alert(1)</script>');
    await expect(page.locator('section.runs tbody tr').count()).resolves.toBe(3);
    await page.close();
  }, 120_000);
});

import { existsSync, realpathSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImprovementReportSchema } from '../../src/contract/report.ts';
import { projectCopy, ROOT, runCli, snapshot } from './support/cli.ts';

// The jest, mocha and node:test examples end to end: the real CLI on a copy of each (its own
// node_modules linked, as `npm install` left it), the real runner in the real local sandbox, the
// offline repair engine. Each example has three independent bugs; the run must fix exactly those.

interface Fix {
  file: string;
  search: string;
  replace: string;
  /** The failing tests the fix turns green. */
  fixes: string[];
}

interface RunnerExample {
  name: string;
  runner: string;
  fixes: Fix[];
}

const EXAMPLES: RunnerExample[] = [
  {
    name: 'jest-buggy',
    runner: 'jest',
    fixes: [
      {
        file: 'src/timesheet.ts',
        search: 'Math.floor(minutes / BLOCK_MINUTES)',
        replace: 'Math.ceil(minutes / BLOCK_MINUTES)',
        fixes: [
          'tests/timesheet.test.ts > billedMinutes > bills a started quarter hour in full',
          'tests/timesheet.test.ts > billedMinutes > bills 50 minutes as an hour',
          'tests/timesheet.test.ts > minutesByProject > rounds each entry on its own',
        ],
      },
      {
        file: 'src/invoice.ts',
        search: 'const hours = minutes * 60;',
        replace: 'const hours = minutes / 60;',
        fixes: [
          'tests/invoice.test.ts > lineAmount > charges an hour at the hourly rate',
          'tests/invoice.test.ts > lineAmount > charges part of an hour pro rata',
          'tests/invoice.test.ts > invoice > adds VAT on the net total',
        ],
      },
      {
        file: 'src/calendar.ts',
        search: 'time < end;',
        replace: 'time <= end;',
        fixes: [
          'tests/calendar.test.ts > daysFrom > lists every day, both ends included, across a month end',
          'tests/calendar.test.ts > daysFrom > has one day when the first is the last',
          'tests/calendar.test.ts > working days > skips the weekend',
        ],
      },
    ],
  },
  {
    name: 'mocha-buggy',
    runner: 'mocha',
    fixes: [
      {
        file: 'lib/loans.js',
        search: 'loan.renewals <= MAX_RENEWALS',
        replace: 'loan.renewals < MAX_RENEWALS',
        fixes: [
          'test/loans.test.js > renewals > allows a second renewal, not a third',
          'test/loans.test.js > renewals > throws once the renewals are used up',
        ],
      },
      {
        file: 'lib/search.js',
        search: 'text.startsWith(word)',
        replace: 'text.includes(word)',
        fixes: [
          'test/search.test.js > search > finds titles by author, in any case',
          'test/search.test.js > search > needs every word of the query, wherever it is',
        ],
      },
      {
        file: 'lib/catalog.js',
        search: 'title.copies / 100',
        replace: 'title.copies * 100',
        fixes: [
          'test/catalog.test.js > utilisation > is the share of copies out, in percent',
          'test/catalog.test.js > utilisation > is 100 when every copy is out',
        ],
      },
    ],
  },
  {
    name: 'node-test-buggy',
    runner: 'node-test',
    fixes: [
      {
        file: 'src/parcels.js',
        search: 'Math.min(parcel.weightKg',
        replace: 'Math.max(parcel.weightKg',
        fixes: [
          'test/parcels.test.js > billable weight > bills a small, heavy parcel by its weight',
          'test/parcels.test.js > billable weight > bills a bulky, light parcel by its size',
        ],
      },
      {
        file: 'src/zones.js',
        search: 'zip.slice(0, 2)',
        replace: 'zip.slice(0, 3)',
        fixes: [
          'test/zones.test.js > sorting centre > is named by the first three digits',
          'test/zones.test.js > zones > is 2 within a region',
        ],
      },
      {
        file: 'src/dispatch.js',
        search: 'getUTCHours() <= CUTOFF_HOUR',
        replace: 'getUTCHours() < CUTOFF_HOUR',
        fixes: [
          'test/dispatch.test.js > dispatch day > ships an order placed at the cutoff the next day',
          'test/dispatch.test.js > dispatch day > ships an afternoon order the next day',
        ],
      },
    ],
  },
];

/** A project's files (node_modules and the run's .improve aside), relative path -> content. */
async function files(dir: string): Promise<Record<string, string>> {
  const all = await snapshot(dir);
  return Object.fromEntries(
    Object.entries(all)
      .filter(([path]) => !path.endsWith('/') && !relative(dir, path).startsWith('.improve/'))
      .map(([path, text]) => [relative(dir, path), text]),
  );
}

/** The example's files as they should be once its bugs are fixed: each bug's line changed, nothing else. */
function withFixes(original: Record<string, string>, fixes: Fix[]): Record<string, string> {
  const fixed = { ...original };
  for (const fix of fixes) {
    const text = original[fix.file]!;
    expect(text.split(fix.search), `${fix.file} holds its bug once`).toHaveLength(2);
    fixed[fix.file] = text.replace(fix.search, fix.replace);
  }
  return fixed;
}

/** A private copy as a user would have it: the example's own node_modules, or none when it declares no dependencies. */
async function copyOf(example: string): Promise<string> {
  const dir = await projectCopy(example);
  const own = join(example, 'node_modules');
  if (existsSync(own)) expect(realpathSync(join(dir, 'node_modules'))).toBe(realpathSync(own));
  else await rm(join(dir, 'node_modules'));
  return dir;
}

describe.each(EXAMPLES)('improve examples/$name --write', ({ name, runner, fixes }) => {
  const example = join(ROOT, 'examples', name);

  it(`fixes the three bugs with ${runner}, and only them`, { timeout: 900_000 }, async () => {
    const original = await files(example);
    const dir = await copyOf(example);

    const run = await runCli([dir, '--write']);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);

    const reportPath = /^report: (.+)$/m.exec(run.stdout)?.[1];
    expect(reportPath, run.stdout).toBeDefined();
    const raw = JSON.parse(await readFile(reportPath!, 'utf8'));
    expect(raw.baseline.runner).toBe(runner);
    const report = ImprovementReportSchema.parse(raw);
    expect(report.status).toBe('green');
    expect(report.accepted.map((change) => change.files)).toHaveLength(3);
    expect(report.accepted.flatMap((change) => change.files).sort()).toEqual(fixes.map((fix) => fix.file).sort());
    expect(report.accepted.flatMap((change) => change.fixed).sort()).toEqual(fixes.flatMap((fix) => fix.fixes).sort());
    expect(report.written.sort()).toEqual(fixes.map((fix) => fix.file).sort());

    // Every file but the three fixed ones (the tests among them) is byte for byte the original.
    expect(await files(dir)).toEqual(withFixes(original, fixes));
  });
});

/**
 * The jest, mocha and node:test examples and their three bugs each: the known fix of every bug
 * (one edit) and the failing tests it turns green. Shared by the CLI and workflow tests.
 */
export interface ExampleFix {
  file: string;
  search: string;
  replace: string;
  /** The failing tests the fix turns green. */
  fixes: string[];
}

export interface RunnerExample {
  name: string;
  runner: string;
  fixes: ExampleFix[];
}

export const RUNNER_EXAMPLES: RunnerExample[] = [
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

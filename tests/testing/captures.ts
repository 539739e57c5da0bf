import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestRunOutput } from '../../src/testing/build-report.ts';
import { progressEvents } from '../../src/testing/progress-protocol.ts';

/** What a fixture keeps of a run; progress events are parsed again from stdout. */
export type CapturedRun = Omit<TestRunOutput, 'events'>;

/** A real run saved by capture-fixtures.ts, with its progress events parsed again from its output. */
export function capturedRun(name: string, index = 0): TestRunOutput {
  const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'vitest-runs', `${name}.json`), 'utf8');
  const run = (JSON.parse(text) as { runs: CapturedRun[] }).runs[index];
  if (!run) throw new Error(`no run ${index} in the ${name} capture`);
  return { ...run, events: progressEvents(run.stdout) };
}

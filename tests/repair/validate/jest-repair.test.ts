import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { applyEditToText } from '../../../src/patch/edits.ts';
import { createLocalSandbox } from '../../../src/sandbox/local.ts';
import type { Sandbox } from '../../../src/sandbox/types.ts';
import { createRepairSuggester, type RepairRunStats } from '../../../src/suggest/repair/engine.ts';
import { allTests, type TestReport } from '../../../src/testing/report.ts';
import { runTests } from '../../../src/testing/run-tests.ts';

const EXAMPLE = fileURLToPath(new URL('../../../examples/jest-buggy', import.meta.url));
const failing = (report: TestReport) => allTests(report).filter((test) => test.status === 'failed').length;

describe('repair of a jest project', () => {
  let sandbox: Sandbox;
  afterAll(() => sandbox?.destroy());

  it('validates examples/jest-buggy (ts-jest) with the warm validator, and its verdict holds in a run of the project', async () => {
    sandbox = await createLocalSandbox({ projectDir: EXAMPLE });
    const report = await runTests(sandbox);
    expect(failing(report)).toBe(9);
    let stats: RepairRunStats | undefined;
    // Stops at the first edit that fixes something: several faults, none fixed by one edit.
    const suggester = createRepairSuggester({ afterPartial: 0, onRun: (run) => (stats = run) });
    const [best] = await suggester.suggest({ sandbox, report, findings: [], rejected: [] });
    expect(stats).toMatchObject({ validator: 'hot', localization: 'coverage' });
    expect(stats?.fallbackReason).toBeUndefined();
    if (!best) throw new Error('no suggestion');
    expect(best.validated?.brokeTests).toEqual([]);
    expect(best.validated?.fixedTests.length).toBeGreaterThan(0);
    for (const edit of best.edits) await sandbox.writeFile(edit.file, applyEditToText(await sandbox.readFile(edit.file), edit));
    expect(failing(await runTests(sandbox))).toBe(9 - best.validated!.fixedTests.length);
  });
});

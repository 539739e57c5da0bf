import { describe, expect, it } from 'vitest';
import { closingLines } from '../../src/cli/closing.ts';
import type { ImprovementReport } from '../../src/contract/report.ts';

const suite = { passed: 5, failed: 0, total: 5, durationMs: 100 };
const change = {
  suggestionId: 's1',
  iteration: 1,
  source: 'repair',
  file: 'src/a.ts',
  files: ['src/a.ts'],
  diff: '',
  category: 'failure' as const,
  priority: 'high' as const,
  rationale: 'fix',
  fixed: ['t'],
};
const report: ImprovementReport = {
  version: 1,
  runId: 'r1',
  status: 'green',
  stopReason: 'green',
  iterations: 1,
  baseline: suite,
  final: suite,
  findings: [],
  accepted: [change],
  rejected: [],
  timings: { totalMs: 1, testMs: 1, suggestMs: 0 },
  tokensUsed: 0,
  writeMode: 'write',
  written: ['src/a.ts', 'src/b.ts'],
  artifactsDir: '/p/.improve/runs/r1',
};

describe('closingLines', () => {
  it('names the files written and where the reports are', () => {
    expect(closingLines(report, '/p', 'out.json')).toEqual([
      'wrote 2 files in /p: src/a.ts, src/b.ts',
      `report: ${process.cwd()}/out.json and /p/.improve/runs/r1/report.json`,
    ]);
  });

  it('says a dry run wrote nothing and how to apply its changes', () => {
    expect(closingLines({ ...report, writeMode: 'dry-run', written: [] }, '/p')).toEqual([
      'dry run, nothing written: run again with --write, or git apply /p/.improve/runs/r1/improvements.patch',
      'report: /p/.improve/runs/r1/report.json',
    ]);
  });

  it('says what would help with findings no suggester can act on, first', () => {
    const reason = '2 error-handling findings left: the repair engine fixes failing tests only; a model (OPENAI_API_KEY) could act on them';
    const lines = closingLines({ ...report, unaddressed: { count: 2, categories: ['error-handling'], reason } }, '/p');
    expect(lines[0]).toBe(reason);
  });

  it('says nothing was written when no change was kept', () => {
    expect(closingLines({ ...report, accepted: [], written: [] }, '/p')[0]).toBe('nothing written: no change was kept');
  });
});

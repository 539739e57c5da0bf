import { describe, expect, it } from 'vitest';
import { diffSummary } from '../../src/cli/diff-summary.ts';
import { createRenderer } from '../../src/cli/render.ts';
import type { ImprovementEvent } from '../../src/events/improvement-event.ts';

const DIFF = [
  '--- a/src/age.ts',
  '+++ b/src/age.ts',
  '@@ -1,3 +1,3 @@',
  ' export function isAdult(age: number): boolean {',
  '-  return age > 18;',
  '+  return age >= 18;',
  ' }',
  '',
].join('\n');
const SUITE = { passed: 4, failed: 1, total: 5, durationMs: 1500 };

function rendered(mode: 'tty' | 'lines' | 'json', events: ImprovementEvent[]): string {
  let text = '';
  const renderer = createRenderer(mode, { write: (chunk: string) => (text += chunk) });
  for (const event of events) renderer.onEvent(event);
  renderer.close();
  return text;
}

const run: ImprovementEvent[] = [
  { v: 1, type: 'run-start', workflowId: 'improve' },
  { v: 1, type: 'step-start', stepId: 'sandbox-test', path: ['sandbox-test'] },
  { v: 1, type: 'test-progress', phase: 'baseline', iteration: 0, file: 'tests/age.test.ts', passed: 4, failed: 1, done: 1, total: 2 },
  { v: 1, type: 'test-run', phase: 'baseline', iteration: 0, suite: SUITE },
  { v: 1, type: 'iteration-start', iteration: 1 },
  { v: 1, type: 'patch-applied', iteration: 1, suggestionId: 's1', files: ['src/age.ts'], diff: DIFF },
  { v: 1, type: 'patch-kept', iteration: 1, suggestionId: 's1', fixed: ['tests/age.test.ts > isAdult > is true on the 18th birthday'] },
  { v: 1, type: 'test-run', phase: 'confirm', iteration: 1, suite: { ...SUITE, passed: 5, failed: 0 } },
  {
    v: 1,
    type: 'run-finish',
    status: 'success',
    result: {
      version: 1,
      runId: 'r',
      status: 'green',
      stopReason: 'green',
      iterations: 1,
      baseline: SUITE,
      final: { ...SUITE, passed: 5, failed: 0 },
      findings: [
        { category: 'error-handling', priority: 'medium', file: 'src/age.ts', line: 7, message: 'empty catch swallows the error' },
      ],
      accepted: [],
      rejected: [],
      timings: { totalMs: 1, testMs: 1, suggestMs: 0 },
      tokensUsed: 0,
      writeMode: 'dry-run',
      written: [],
      artifactsDir: '/tmp/x',
    },
  },
];

describe('diffSummary', () => {
  it('names the file and the first removed and added lines', () => {
    expect(diffSummary(DIFF)).toBe('src/age.ts: - return age > 18;  + return age >= 18;');
  });
  it('counts the changed lines it does not show and clips to the width', () => {
    const longer = DIFF.replace('+  return age >= 18;', '+  return age >= 18;\n+  // extra\n-  // gone');
    expect(diffSummary(longer)).toMatch(/\(\+2 more\)$/);
    expect(diffSummary(longer, 20)).toHaveLength(20);
  });
});

describe('renderers', () => {
  it('lines: one plain line per event worth telling, and what is left to improve', () => {
    const text = rendered('lines', run);
    expect(text.split('\n')).toEqual([
      '  tests/age.test.ts: 4 passed, 1 failed (1/2)',
      'baseline: 4 passed, 1 failed of 5 (1.5 s)',
      '  applied: src/age.ts: - return age > 18;  + return age >= 18;',
      '  kept: fixes 1 test',
      'confirming run on a fresh copy: 5 passed, 0 failed of 5 (1.5 s)',
      'left to improve (1):',
      '  [medium] error-handling src/age.ts:7: empty catch swallows the error',
      '',
    ]);
  });

  it('tty: a status line with a progress bar, redrawn in place, and permanent lines for kept changes', () => {
    const text = rendered('tty', run);
    expect(text).toContain('\r\x1b[2Kiteration 0 · sandbox-test · [############............] 1/2 files · tests/age.test.ts');
    expect(text).toContain('  ✔ kept src/age.ts: - return age > 18;  + return age >= 18; (fixes 1 test)\n');
    expect(text.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('json: every event, one JSON object per line', () => {
    const lines = rendered('json', run).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).type)).toEqual(run.map((event) => event.type));
  });
});

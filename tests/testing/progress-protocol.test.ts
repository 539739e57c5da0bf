import { describe, expect, it } from 'vitest';
import { lineSplitter, PROGRESS_MARKER, parseProgressLine, progressEvents } from '../../src/testing/progress-protocol.ts';
import { capturedRun } from './captures.ts';

describe('progress lines', () => {
  it('finds one start, one line per test file and one end in a real run', () => {
    const run = capturedRun('buggy');
    const events = progressEvents(run.stdout);
    expect(events.map((e) => e.type)).toEqual(['start', 'file', 'file', 'file', 'end']);
    expect(events[0]).toEqual({ type: 'start', files: 3 });
    const files = events.flatMap((e) => (e.type === 'file' ? [e] : []));
    expect(files.map((f) => f.file.slice(run.workdir.length + 1)).sort()).toEqual([
      'tests/cart.test.ts',
      'tests/orders.test.ts',
      'tests/paginate.test.ts',
    ]);
    expect(files.reduce((n, f) => n + f.passed, 0)).toBe(18);
    expect(files.reduce((n, f) => n + f.failed, 0)).toBe(5);
  });

  it('ignores lines that are not ours or are cut short', () => {
    expect(parseProgressLine(' ✓ tests/a.test.ts (3 tests) 4ms')).toBeUndefined();
    expect(parseProgressLine(`${PROGRESS_MARKER}{"type":"file","file":"a"`)).toBeUndefined();
    expect(parseProgressLine(`${PROGRESS_MARKER}{"type":"other"}`)).toBeUndefined();
  });

  it('puts lines back together from arbitrary chunks', () => {
    const seen: string[] = [];
    const lines = lineSplitter((l) => seen.push(l));
    const text = capturedRun('green').stdout;
    for (let i = 0; i < text.length; i += 7) lines.push(text.slice(i, i + 7));
    lines.end();
    expect(seen.join('\n')).toBe(text.replace(/\n$/, ''));
  });
});

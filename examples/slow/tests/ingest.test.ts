import { describe, expect, it } from 'vitest';
import type { PageView } from '../src/events.ts';
import { flush, loadConfig, parseLog, type Sink } from '../src/ingest.ts';

describe('loadConfig', () => {
  it('fills in defaults', () => {
    expect(loadConfig('{"batchSize": 2}')).toEqual({ batchSize: 2, dropBots: true });
  });
});

describe('parseLog', () => {
  const config = { batchSize: 10, dropBots: true };

  it('reads one event per line and drops bots', () => {
    const log = [
      '{"visitorId":"v1","path":"/","at":1}',
      '{"visitorId":"bot-crawler","path":"/","at":2}',
      '{"visitorId":"v2","path":"/docs","at":3}',
    ].join('\n');
    expect(parseLog(log, config).map((v) => v.visitorId)).toEqual(['v1', 'v2']);
  });

  it('skips lines it cannot read', () => {
    const log = ['{"visitorId":"v1","path":"/","at":1}', 'not json', '{"path":"/"}'].join('\n');
    expect(parseLog(log, config)).toHaveLength(1);
  });
});

describe('flush', () => {
  it('sends views in batches', async () => {
    const sent: PageView[][] = [];
    const sink: Sink = { write: async (batch) => void sent.push(batch) };
    const views = Array.from({ length: 5 }, (_, i) => ({ visitorId: `v${i}`, path: '/', at: i }));
    expect(flush(views, sink, { batchSize: 2, dropBots: false })).toBe(3);
    expect(sent.map((b) => b.length)).toEqual([2, 2, 1]);
  });
});

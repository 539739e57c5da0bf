import { describe, expect, it } from 'vitest';
import { fakeTransport, getAll, getJson, getJsonOr } from '../src/http.ts';

const transport = fakeTransport({
  '/ok': { status: 200, body: '{"n":1}' },
  '/missing': { status: 404, body: 'not found' },
  '/broken': { status: 200, body: '{oops' },
});

describe('http helpers', () => {
  it('parses a JSON body', async () => {
    expect(await getJson(transport, '/ok')).toEqual({ n: 1 });
  });

  it('rejects error statuses', async () => {
    await expect(getJson(transport, '/missing')).rejects.toThrow('HTTP 404 for /missing');
  });

  it('returns the value when the request works', async () => {
    expect(await getJsonOr(transport, '/ok', { n: 0 })).toEqual({ n: 1 });
  });

  it('returns the fallback on an error status', async () => {
    expect(await getJsonOr(transport, '/missing', { n: 0 })).toEqual({ n: 0 });
  });

  it('collects outcomes of many requests', async () => {
    expect(await getAll(transport, ['/ok', '/missing'])).toEqual([
      { ok: true, value: { n: 1 } },
      { ok: false, error: 'HTTP 404 for /missing' },
    ]);
  });
});

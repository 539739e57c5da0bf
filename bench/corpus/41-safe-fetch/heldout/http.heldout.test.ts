import { describe, expect, it } from 'vitest';
import { fakeTransport, getAll, getJsonOr } from '../src/http.ts';

const transport = fakeTransport({
  '/ok': { status: 204, body: '[]' },
  '/broken': { status: 200, body: '{oops' },
  '/redirect': { status: 302, body: '' },
});

describe('getJsonOr (held out)', () => {
  it('falls back on bad JSON', async () => {
    expect(await getJsonOr(transport, '/broken', 'fallback')).toBe('fallback');
  });

  it('falls back when the connection fails', async () => {
    expect(await getJsonOr(transport, '/nowhere', null)).toBeNull();
  });

  it('falls back on redirects and accepts any 2xx', async () => {
    expect(await getJsonOr(transport, '/redirect', 'x')).toBe('x');
    expect(await getJsonOr(transport, '/ok', 'x')).toEqual([]);
  });

  it('reports connection errors in getAll', async () => {
    const [outcome] = await getAll(transport, ['/nowhere']);
    expect(outcome).toEqual({ ok: false, error: 'connection refused: /nowhere' });
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfigOr, parseConfig } from '../src/app-config.ts';

describe('parseConfig errors (held out)', () => {
  it('every failure is an Error with a message naming the source', () => {
    for (const text of ['', '{', 'nul', '"str"', '{"name":""}', '{"name":"a","features":[1]}']) {
      let caught: unknown;
      try {
        parseConfig(text, 'svc.json');
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(Error);
      expect((caught as Error).message.startsWith('svc.json: ')).toBe(true);
    }
  });

  it('reports invalid JSON precisely', () => {
    expect(() => parseConfig('{"name": }', 'a.json')).toThrow(new Error('a.json: invalid JSON'));
  });

  it('loads a good config without a warning', () => {
    expect(loadConfigOr('{"name":"ok"}', { name: 'd', port: 1, features: [] })).toEqual({
      config: { name: 'ok', port: 8080, features: [] },
    });
  });
});

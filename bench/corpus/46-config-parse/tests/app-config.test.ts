import { describe, expect, it } from 'vitest';
import { loadConfigOr, parseConfig } from '../src/app-config.ts';

const fallback = { name: 'default', port: 3000, features: [] };

describe('parseConfig', () => {
  it('parses a full config', () => {
    expect(parseConfig('{"name":"api","port":9000,"features":["beta"]}')).toEqual({ name: 'api', port: 9000, features: ['beta'] });
  });

  it('fills in defaults', () => {
    expect(parseConfig('{"name":"api"}')).toEqual({ name: 'api', port: 8080, features: [] });
  });

  it('rejects a bad port with an Error', () => {
    expect(() => parseConfig('{"name":"api","port":70000}', 'prod.json')).toThrow(
      new Error('prod.json: "port" must be an integer from 1 to 65535'),
    );
  });

  it('rejects invalid JSON with an Error', () => {
    expect(() => parseConfig('{name: api}', 'dev.json')).toThrow(Error);
  });

  it('falls back with a warning on invalid values', () => {
    expect(loadConfigOr('[]', fallback)).toEqual({ config: fallback, warning: 'config.json: expected an object' });
  });

  it('falls back with a warning on invalid JSON', () => {
    expect(loadConfigOr('', fallback, 'x.json')).toEqual({ config: fallback, warning: 'x.json: invalid JSON' });
  });
});

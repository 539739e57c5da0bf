import { describe, expect, it } from 'vitest';
import { can, missing } from '../src/rbac.ts';
import type { Role } from '../src/rbac.ts';

const roles = new Map<string, Role>([
  ['viewer', { permissions: ['read'] }],
  ['editor', { permissions: ['write'], inherits: ['viewer'] }],
  ['janitor', { permissions: ['delete'] }],
]);

describe('can (held out)', () => {
  it('combines permissions from several roles', () => {
    expect(can(['editor', 'janitor'], ['read', 'write', 'delete'], roles)).toBe(true);
    expect(can(['viewer', 'janitor'], ['read', 'write', 'delete'], roles)).toBe(false);
  });

  it('needs nothing for an empty requirement', () => {
    expect(can([], [], roles)).toBe(true);
  });

  it('unknown roles grant nothing', () => {
    expect(can(['ghost'], ['read'], roles)).toBe(false);
  });

  it('agrees with missing()', () => {
    const needs: Array<Array<'read' | 'write' | 'delete'>> = [['read'], ['read', 'write'], ['write', 'delete'], ['delete']];
    for (const userRoles of [['viewer'], ['editor'], ['janitor'], ['editor', 'janitor']]) {
      for (const needed of needs) {
        expect(can(userRoles, needed, roles)).toBe(missing(userRoles, needed, roles).length === 0);
      }
    }
  });
});

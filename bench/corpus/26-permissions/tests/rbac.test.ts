import { describe, expect, it } from 'vitest';
import { can, effectivePermissions, missing } from '../src/rbac.ts';
import type { Role } from '../src/rbac.ts';

const roles = new Map<string, Role>([
  ['viewer', { permissions: ['read'] }],
  ['editor', { permissions: ['write'], inherits: ['viewer'] }],
  ['owner', { permissions: ['admin'] }],
  ['loop-a', { permissions: ['read'], inherits: ['loop-b'] }],
  ['loop-b', { permissions: ['write'], inherits: ['loop-a'] }],
]);

describe('rbac', () => {
  it('lets viewers read', () => {
    expect(can(['viewer'], ['read'], roles)).toBe(true);
  });

  it('does not let viewers write', () => {
    expect(can(['viewer'], ['write'], roles)).toBe(false);
  });

  it('inherits permissions', () => {
    expect([...effectivePermissions('editor', roles)].sort()).toEqual(['read', 'write']);
  });

  it('requires all needed permissions', () => {
    expect(can(['viewer'], ['read', 'write'], roles)).toBe(false);
  });

  it('lets admins do anything', () => {
    expect(can(['owner'], ['delete', 'write'], roles)).toBe(true);
  });

  it('survives inheritance cycles', () => {
    expect([...effectivePermissions('loop-a', roles)].sort()).toEqual(['read', 'write']);
  });

  it('lists missing permissions', () => {
    expect(missing(['viewer'], ['read', 'write', 'delete'], roles)).toEqual(['write', 'delete']);
  });
});

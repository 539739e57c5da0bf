export type Permission = 'read' | 'write' | 'delete' | 'admin';

export interface Role {
  permissions: Permission[];
  inherits?: string[];
}

export type Roles = ReadonlyMap<string, Role>;

/** All permissions of a role including inherited ones; inheritance cycles are tolerated. */
export function effectivePermissions(roleName: string, roles: Roles, seen = new Set<string>()): Set<Permission> {
  const role = roles.get(roleName);
  if (!role || seen.has(roleName)) return new Set();
  seen.add(roleName);
  const result = new Set(role.permissions);
  for (const parent of role.inherits ?? []) {
    for (const permission of effectivePermissions(parent, roles, seen)) result.add(permission);
  }
  return result;
}

export function grantedTo(userRoles: readonly string[], roles: Roles): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of userRoles) for (const p of effectivePermissions(role, roles)) granted.add(p);
  return granted;
}

/** Whether the user may do something that needs `needed` (admin may do anything). */
export function can(userRoles: readonly string[], needed: readonly Permission[], roles: Roles): boolean {
  const granted = grantedTo(userRoles, roles);
  if (granted.has('admin')) return true;
  return needed.some((p) => granted.has(p));
}

export function missing(userRoles: readonly string[], needed: readonly Permission[], roles: Roles): Permission[] {
  const granted = grantedTo(userRoles, roles);
  return granted.has('admin') ? [] : needed.filter((p) => !granted.has(p));
}

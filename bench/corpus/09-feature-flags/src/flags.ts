export interface Flag {
  name: string;
  enabled: boolean;
  allowList: string[];
  /** Share of all other users, 0-100. */
  rolloutPercent: number;
}

/** Stable bucket 0-99 per flag and user (FNV-1a), so a rollout does not flicker between calls. */
export function bucket(flagName: string, userId: string): number {
  let hash = 2166136261;
  for (const ch of `${flagName}:${userId}`) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash % 100;
}

export function isEnabled(flag: Flag, userId: string): boolean {
  if (!flag.enabled) return false;
  const listed = flag.allowList.includes(userId);
  const inRollout = bucket(flag.name, userId) < flag.rolloutPercent;
  return listed && inRollout;
}

export function enabledFlags(flags: readonly Flag[], userId: string): string[] {
  return flags.filter((flag) => isEnabled(flag, userId)).map((flag) => flag.name);
}

/** Fraction of `userIds` that see the flag. */
export function exposure(flag: Flag, userIds: readonly string[]): number {
  if (userIds.length === 0) return 0;
  return userIds.filter((id) => isEnabled(flag, id)).length / userIds.length;
}

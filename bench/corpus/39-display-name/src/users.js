export function displayName(user) {
  const nickname = user.profile.nickname?.trim();
  if (nickname) return nickname;
  const fullName = [user.firstName, user.lastName].filter(Boolean).join(' ');
  return fullName || user.email.split('@')[0];
}

export function initials(user) {
  return displayName(user)
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0].toUpperCase())
    .join('');
}

/** "@name" mentions, sorted and without duplicates. */
export function mentionList(users) {
  const names = new Set(users.map((user) => `@${displayName(user).replace(/\s+/g, '')}`));
  return [...names].sort((a, b) => a.localeCompare(b));
}

export function greeting(user, hour) {
  const part = hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening';
  return `${part}, ${displayName(user)}!`;
}

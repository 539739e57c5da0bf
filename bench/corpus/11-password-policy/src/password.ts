export interface PolicyResult {
  ok: boolean;
  problems: string[];
}

export type Strength = 'weak' | 'fair' | 'strong';

const MIN_LENGTH = 10;

export function checkPassword(password: string, username = ''): PolicyResult {
  const problems: string[] = [];
  if (password.length < MIN_LENGTH) problems.push(`at least ${MIN_LENGTH} characters`);
  const hasUpper = /[A-Z]/.test(password);
  const hasLower = /[a-z]/.test(password);
  const hasDigit = /[0-9]/.test(password);
  if (!hasUpper && !hasLower) problems.push('upper and lower case letters');
  if (!hasDigit) problems.push('a digit');
  if (username !== '' && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('must not contain the username');
  }
  return { ok: problems.length === 0, problems };
}

export function strength(password: string): Strength {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length >= 14 && classes >= 3) return 'strong';
  if (password.length >= MIN_LENGTH && classes >= 2) return 'fair';
  return 'weak';
}

/** Message for a sign-up form, or undefined when the password is acceptable. */
export function passwordHint(password: string, username = ''): string | undefined {
  const { ok, problems } = checkPassword(password, username);
  return ok ? undefined : `Password needs: ${problems.join(', ')}`;
}

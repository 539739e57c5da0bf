const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USERNAME = /^[a-z0-9_]{3,20}$/;

export interface Signup {
  email: string;
  username: string;
  age: number;
  acceptTerms: boolean;
}

export type SignupErrors = Partial<Record<keyof Signup, string>>;

export function validateSignup(input: Signup): SignupErrors {
  const errors: SignupErrors = {};
  const email = input.email.trim();
  if (email === '') errors.email = 'required';
  else if (EMAIL.test(email)) errors.email = 'not a valid email address';
  if (!USERNAME.test(input.username)) errors.username = '3-20 lowercase letters, digits or _';
  if (!Number.isInteger(input.age) || input.age < 13) errors.age = 'you must be 13 or older';
  if (!input.acceptTerms) errors.acceptTerms = 'please accept the terms';
  return errors;
}

export function isValidSignup(input: Signup): boolean {
  return Object.keys(validateSignup(input)).length === 0;
}

export function normalizeSignup(input: Signup): Signup {
  return { ...input, email: input.email.trim().toLowerCase(), username: input.username.trim().toLowerCase() };
}

/** First error in form order, for a compact banner. */
export function firstError(errors: SignupErrors): string | undefined {
  for (const field of ['email', 'username', 'age', 'acceptTerms'] as const) {
    if (errors[field]) return `${field}: ${errors[field]}`;
  }
  return undefined;
}

export class NotFoundError extends Error {
  readonly id: string;

  constructor(id: string) {
    super(`user ${id} not found`);
    this.name = 'NotFoundError';
    this.id = id;
  }
}

export interface User {
  id: string;
  name: string;
}

export interface UserRepo {
  get(id: string): Promise<User>;
}

/** Looks a user up by id. */
export async function findUser(repo: UserRepo, id: string): Promise<User | undefined> {
  try {
    return await repo.get(id);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
  }
}

export async function requireUser(repo: UserRepo, id: string): Promise<User> {
  const user = await findUser(repo, id);
  if (!user) throw new NotFoundError(id);
  return user;
}

/** Known users among `ids`, keyed by id. */
export async function findUsers(repo: UserRepo, ids: readonly string[]): Promise<Map<string, User>> {
  const found = new Map<string, User>();
  for (const id of ids) {
    const user = await findUser(repo, id);
    if (user) found.set(id, user);
  }
  return found;
}

export function memoryRepo(users: readonly User[], outage?: Error): UserRepo {
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    async get(id) {
      if (outage) throw outage;
      const user = byId.get(id);
      if (!user) throw new NotFoundError(id);
      return user;
    },
  };
}

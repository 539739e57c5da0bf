import { describe, expect, it } from 'vitest';
import { NotFoundError, findUser, findUsers, memoryRepo, requireUser } from '../src/user-repo.ts';

const users = [{ id: 'u1', name: 'Ada' }, { id: 'u2', name: 'Alan' }];

describe('user lookups', () => {
  it('finds a known user', async () => {
    expect(await findUser(memoryRepo(users), 'u1')).toEqual({ id: 'u1', name: 'Ada' });
  });

  it('returns undefined for an unknown user', async () => {
    expect(await findUser(memoryRepo(users), 'nope')).toBeUndefined();
  });

  it('requires a user', async () => {
    await expect(requireUser(memoryRepo(users), 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('finds several users', async () => {
    expect([...(await findUsers(memoryRepo(users), ['u2', 'x', 'u1'])).keys()]).toEqual(['u2', 'u1']);
  });

  it('does not hide a repository outage', async () => {
    const repo = memoryRepo(users, new Error('database unavailable'));
    await expect(findUser(repo, 'u1')).rejects.toThrow('database unavailable');
  });
});

import { describe, expect, it } from 'vitest';
import { NotFoundError, findUsers, memoryRepo, requireUser } from '../src/user-repo.ts';

describe('user lookups (held out)', () => {
  it('requireUser reports an outage as the outage, not as not-found', async () => {
    const outage = new Error('timeout');
    await expect(requireUser(memoryRepo([], outage), 'u1')).rejects.toBe(outage);
  });

  it('findUsers fails on an outage instead of returning an empty map', async () => {
    await expect(findUsers(memoryRepo([{ id: 'a', name: 'A' }], new Error('down')), ['a'])).rejects.toThrow('down');
  });

  it('keeps the not-found details', async () => {
    const err = await requireUser(memoryRepo([]), 'zz').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).id).toBe('zz');
  });

  it('passes through non-Error rejections too', async () => {
    const repo = { get: async (): Promise<never> => Promise.reject('raw failure') };
    await expect(findUsers(repo, ['a'])).rejects.toBe('raw failure');
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Edit } from '../contract/edit.ts';
import { planEdits } from '../patch/edits.ts';
import type { ProjectRepository } from './repository.ts';

/** One commit of the branch: a kept change's edits (project paths) and its message. */
export interface BranchCommit {
  message: string;
  edits: readonly Edit[];
}

/** Who commits when the repository names no one (a fresh CI runner). */
const FALLBACK_IDENTITY = { name: 'recursive-improve', email: 'recursive-improve@users.noreply.github.com' };

/**
 * Makes `branch` point at one new commit per change, on top of HEAD, through a private index: the
 * user's working tree, index and checked-out branch are never touched. Edits to tests are refused
 * (see `planEdits`), as everywhere. Returns the commits, oldest first.
 */
export async function commitBranch(repository: ProjectRepository, branch: string, commits: readonly BranchCommit[]): Promise<string[]> {
  const { git, head, prefix } = repository;
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'improve-index-'));
  const env = { GIT_INDEX_FILE: path.join(scratch, 'index'), ...(await identityEnv(repository)) };
  try {
    await git.run(['read-tree', head], { env });
    const texts = new Map<string, string>();
    const read = async (file: string) => texts.get(file) ?? (await git.run(['cat-file', 'blob', `${head}:${prefix}${file}`]));
    let parent = head;
    const made: string[] = [];
    for (const commit of commits) {
      for (const change of await planEdits(commit.edits, read)) {
        texts.set(change.file, change.after);
        const blob = (await git.run(['hash-object', '-w', '--stdin'], { input: change.after })).trim();
        const mode = await fileMode(repository, `${prefix}${change.file}`);
        await git.run(['update-index', '--add', '--cacheinfo', `${mode},${blob},${prefix}${change.file}`], { env });
      }
      const tree = (await git.run(['write-tree'], { env })).trim();
      parent = (await git.run(['commit-tree', tree, '-p', parent, '-F', '-'], { env, input: commit.message })).trim();
      made.push(parent);
    }
    await git.run(['update-ref', `refs/heads/${branch}`, parent]);
    return made;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** A file's mode at HEAD (an executable stays executable); a regular file's otherwise. */
async function fileMode({ git, head }: ProjectRepository, file: string): Promise<string> {
  const entry = await git.run(['ls-tree', head, '--', file]);
  return entry.split(' ', 1)[0] || '100644';
}

async function identityEnv({ git }: ProjectRepository): Promise<Record<string, string>> {
  const [name, email] = await Promise.all([git.tryRun(['config', 'user.name']), git.tryRun(['config', 'user.email'])]);
  const author = {
    name: process.env.GIT_AUTHOR_NAME || name?.trim() || FALLBACK_IDENTITY.name,
    email: process.env.GIT_AUTHOR_EMAIL || email?.trim() || FALLBACK_IDENTITY.email,
  };
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };
}

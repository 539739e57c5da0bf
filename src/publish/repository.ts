import path from 'node:path';
import { isSourceFile } from '../analysis/source-files.ts';
import { ImproveError } from '../contract/errors.ts';
import { refusePath } from '../contract/test-files.ts';
import { type Git, gitAt } from './git.ts';

/** Where a project sits in its git repository. */
export interface ProjectRepository {
  git: Git;
  /** The repository's top folder. */
  root: string;
  /** The project's folder inside it, `''` at the top or `packages/api/`: what turns a project path into a repository path. */
  prefix: string;
  head: string;
}

/** The repository that holds `projectDir`, at its current HEAD; an input error when there is none. */
export async function projectRepository(projectDir: string): Promise<ProjectRepository> {
  const git = gitAt(projectDir);
  const root = await git.tryRun(['rev-parse', '--show-toplevel']);
  if (root === undefined) throw new ImproveError('input', `--pr needs a git repository: ${projectDir} is not in one`);
  const head = await git.tryRun(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (head === undefined) throw new ImproveError('input', `--pr needs a commit to branch from: the repository at ${root.trim()} has none`);
  const prefix = (await git.run(['rev-parse', '--show-prefix'])).trim();
  return { git: gitAt(root.trim()), root: root.trim(), prefix, head: head.trim() };
}

/**
 * Files with uncommitted changes that a run could touch: changed tracked files and new code files in
 * the project, tests and the tool's own folder left out (a run never edits them). A pull request
 * branches from HEAD, so its changes must have been made on what HEAD holds.
 */
export async function uncommittedFiles(repository: ProjectRepository): Promise<string[]> {
  const status = await repository.git.run(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', repository.prefix || '.']);
  const entries = status.split('\0');
  const files: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    const code = entry.slice(0, 2);
    // A rename's entry is followed by the name it had.
    if (code.includes('R') || code.includes('C')) i++;
    const file = path.posix.relative(repository.prefix || '.', entry.slice(3));
    const touchable = refusePath(file) === undefined && (code !== '??' || isSourceFile(file));
    if (touchable) files.push(file);
  }
  return files;
}

/** The URL of `remote`; an input error naming the remotes there are when it is not one. */
export async function remoteUrl(repository: ProjectRepository, remote: string): Promise<string> {
  const url = await repository.git.tryRun(['remote', 'get-url', remote]);
  if (url !== undefined) return url.trim();
  const remotes = (await repository.git.run(['remote'])).split('\n').filter(Boolean);
  throw new ImproveError(
    'input',
    remotes.length === 0
      ? `--pr needs a remote to push to: the repository at ${repository.root} has none (git remote add origin <url>)`
      : `no git remote "${remote}" to push to; the repository has ${remotes.join(', ')} (choose one with --remote)`,
  );
}

/** The commit a project is at, when it is in a git repository with one; the history notes it. */
export async function headCommit(projectDir: string): Promise<string | undefined> {
  return (await gitAt(projectDir).tryRun(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']))?.trim() || undefined;
}

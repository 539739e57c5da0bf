import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Runs git in `dir` with a fixed identity and no user or system config, and returns its output trimmed. */
export function git(dir: string, args: readonly string[], input?: string): string {
  return execFileSync('git', [...args], {
    cwd: dir,
    encoding: 'utf8',
    input: input ?? '',
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Dev',
      GIT_AUTHOR_EMAIL: 'dev@example.com',
      GIT_COMMITTER_NAME: 'Dev',
      GIT_COMMITTER_EMAIL: 'dev@example.com',
    },
  }).trim();
}

/**
 * Makes `dir` a git repository with everything in it committed on `main` (node_modules and
 * .improve ignored), and a bare repository as its `origin`, `main` pushed: a project as a user
 * clones it, with a remote that really takes pushes.
 */
export function commitProject(dir: string): { bare: string } {
  const bare = path.join(mkdtempSync(path.join(tmpdir(), 'improve-origin-')), 'origin.git');
  git(path.dirname(bare), ['init', '-q', '--bare', '-b', 'main', bare]);
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, ['rm', '-r', '-q', '--cached', '--ignore-unmatch', 'node_modules', '.improve']);
  git(dir, ['-c', 'core.excludesFile=/dev/null', 'commit', '-q', '-m', 'initial']);
  git(dir, ['remote', 'add', 'origin', bare]);
  git(dir, ['push', '-q', 'origin', 'main']);
  return { bare };
}

/** A commit's files (paths from the repository's top) and its whole message. */
export function commitOf(dir: string, sha: string): { files: string[]; message: string; parent: string } {
  return {
    files: git(dir, ['diff-tree', '--no-commit-id', '--name-only', '-r', sha]).split('\n').filter(Boolean),
    message: git(dir, ['log', '-1', '--format=%B', sha]),
    parent: git(dir, ['rev-parse', `${sha}^`]),
  };
}

import { existsSync } from 'node:fs';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ONE_BUG, projectCopy, runCli } from '../cli/support/cli.ts';
import { commitProject, git } from '../support/git-repository.ts';

const GITHUB = { GITHUB_TOKEN: 'ghs_test', GITHUB_REPOSITORY: 'acme/ages', CI: 'false' };

/** A refusal: exit 2, one line on stderr, and nothing run or written (no .improve folder). */
async function expectRefused(dir: string, args: string[], env: Record<string, string>, message: RegExp): Promise<void> {
  const run = await runCli([dir, ...args], { env });
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr.trim()).toMatch(message);
  expect(existsSync(path.join(dir, '.improve'))).toBe(false);
}

describe('improve --pr refuses before the loop runs', () => {
  it('a project outside any git repository', async () => {
    await expectRefused(await projectCopy(ONE_BUG), ['--pr'], GITHUB, /^improve: --pr needs a git repository: /);
  });

  it('uncommitted changes in files the run could touch, but not in tests or new non-code files', async () => {
    const dir = await projectCopy(ONE_BUG);
    commitProject(dir);
    await appendFile(path.join(dir, 'tests/age.test.ts'), '\n');
    await writeFile(path.join(dir, 'NOTES.txt'), 'todo\n');
    await writeFile(path.join(dir, 'src/age.ts'), `${await readFile(path.join(dir, 'src/age.ts'), 'utf8')}// wip\n`);
    await writeFile(path.join(dir, 'src/new.ts'), 'export const x = 1;\n');
    await expectRefused(dir, ['--pr'], GITHUB, /uncommitted changes: src\/age\.ts, src\/new\.ts \(commit or stash them\)$/);
  });

  it('no remote, or not the one named', async () => {
    const dir = await projectCopy(ONE_BUG);
    commitProject(dir);
    await expectRefused(dir, ['--pr', '--remote', 'upstream'], GITHUB, /no git remote "upstream" to push to; the repository has origin/);
    git(dir, ['remote', 'remove', 'origin']);
    await expectRefused(dir, ['--pr'], GITHUB, /--pr needs a remote to push to: .* has none/);
  });

  it('no token, or no repository to open the pull request in', async () => {
    const dir = await projectCopy(ONE_BUG);
    commitProject(dir);
    await expectRefused(dir, ['--pr'], { ...GITHUB, GITHUB_TOKEN: '' }, /--pr needs GITHUB_TOKEN/);
    // The origin is a path on disk, which names no GitHub repository.
    await expectRefused(dir, ['--pr'], { ...GITHUB, GITHUB_REPOSITORY: '' }, /cannot tell the GitHub repository from remote origin/);
    await expectRefused(dir, ['--pr'], { ...GITHUB, GITHUB_REPOSITORY: 'acme' }, /GITHUB_REPOSITORY must be owner\/name/);
  });

  it('--pr with --approve when there is no terminal to answer at, and --remote without --pr', async () => {
    const dir = await projectCopy(ONE_BUG);
    commitProject(dir);
    await expectRefused(dir, ['--pr', '--approve'], GITHUB, /--pr with --approve needs a terminal/);
    await expectRefused(dir, ['--remote', 'origin'], GITHUB, /--remote only applies with --pr/);
  });
});

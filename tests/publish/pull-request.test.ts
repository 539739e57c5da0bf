import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ImprovementReport, ImprovementReportSchema } from '../../src/contract/report.ts';
import { ONE_BUG, projectCopy, runCli } from '../cli/support/cli.ts';
import { commitOf, commitProject, git } from '../support/git-repository.ts';
import { type GitHubServer, startGitHubServer } from '../support/github-server.ts';

const TOKEN = 'ghs_test-token';
const servers: GitHubServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A one-bug project committed in git, its origin a bare repository that a local GitHub API server stands for. */
async function publishedProject() {
  const dir = await projectCopy(ONE_BUG);
  const { bare } = commitProject(dir);
  const server = await startGitHubServer({ owner: 'acme', repo: 'ages', token: TOKEN, bareRepo: bare });
  servers.push(server);
  const env = { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'acme/ages', GITHUB_API_URL: server.url, CI: 'false' };
  return { dir, bare, server, env };
}

async function reportOf(stdout: string): Promise<ImprovementReport> {
  const file = /report: (\S+report\.json)/.exec(stdout)?.[1];
  expect(file, stdout).toBeDefined();
  return ImprovementReportSchema.parse(JSON.parse(await readFile(file!, 'utf8')));
}

describe('improve --pr', () => {
  it('pushes a branch with one commit per kept change, opens a draft pull request, and updates it when a later run finds the same changes', async () => {
    const { dir, bare, server, env } = await publishedProject();
    const head = git(dir, ['rev-parse', 'HEAD']);
    const source = await readFile(path.join(dir, 'src/age.ts'), 'utf8');

    const first = await runCli([dir, '--pr'], { env });
    expect(first.code, first.stderr).toBe(0);
    const report = await reportOf(first.stdout);
    const published = report.published!;
    expect(published.pullRequest).toMatchObject({ number: 1, updated: false });
    expect(first.stdout).toContain(`pull request opened: ${published.pullRequest!.url}`);
    expect(published.branch).toBe(`improve/${report.runId.split('-')[0]}`);

    // The branch is on the remote: one commit per kept change, on top of HEAD, touching only source files.
    const tip = git(bare, ['rev-parse', `refs/heads/${published.branch}`]);
    expect(published.commits!.at(-1)).toBe(tip);
    expect(published.commits).toHaveLength(report.accepted.length);
    let parent = head;
    for (const [index, sha] of published.commits!.entries()) {
      const commit = commitOf(bare, sha);
      const change = report.accepted[index]!;
      expect(commit.parent).toBe(parent);
      expect(commit.files).toEqual(change.files);
      expect(commit.message).toMatch(new RegExp(`^improve\\(${change.category}, ${change.priority}\\): `));
      expect(commit.message).toContain(`Why: ${change.rationale}`);
      if (change.finding) expect(commit.message).toContain(`Finding: ${change.finding}`);
      for (const test of change.fixed) expect(commit.message).toContain(`- ${test}`);
      expect(commit.message).toContain(`Run: ${report.runId}`);
      parent = sha;
    }
    expect(git(bare, ['show', `${tip}:src/age.ts`])).toContain('age >= 18');

    // The pull request: a draft from the branch into the default branch, labelled, its body from the run.
    const [pull] = server.pulls;
    expect(server.pulls).toHaveLength(1);
    expect(pull).toMatchObject({ head: published.branch, base: 'main', draft: true, labels: ['recursive-improve'] });
    expect(pull!.title).toContain('src/age.ts');
    expect(pull!.body).toContain(`${report.baseline.passed}/${report.baseline.total} passing`);
    expect(pull!.body).toContain('```diff');
    expect(pull!.body).toContain(report.runId);
    expect(server.requests.every((request) => request.authorization?.toLowerCase() === `token ${TOKEN}`)).toBe(true);

    // The user's checkout is as it was: same branch, same HEAD, same files.
    expect(git(dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(git(dir, ['branch', '--show-current'])).toBe('main');
    expect(await readFile(path.join(dir, 'src/age.ts'), 'utf8')).toBe(source);
    expect(await readFile(path.join(report.artifactsDir, 'summary.md'), 'utf8')).toContain(published.pullRequest!.url);

    const second = await runCli([dir, '--pr'], { env });
    expect(second.code, second.stderr).toBe(0);
    const again = (await reportOf(second.stdout)).published!;
    expect(again.pullRequest).toMatchObject({ number: 1, updated: true });
    expect(second.stdout).toContain('pull request updated');
    expect(server.pulls).toHaveLength(1);
    expect(server.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/pulls'))).toHaveLength(1);
    expect(git(bare, ['rev-parse', `refs/heads/${published.branch}`])).toBe(again.commits!.at(-1));

    // Another fault (the first fixed by hand) is a different set of changes: its own pull request.
    await writeFile(path.join(dir, 'src/age.ts'), source.replace('age > 18', 'age >= 18').replace('age >= 65', 'age > 70'));
    git(dir, ['commit', '-q', '-am', 'adults from 18, seniors after 70']);
    const third = await runCli([dir, '--pr'], { env });
    expect(third.code, third.stderr).toBe(0);
    expect((await reportOf(third.stdout)).published!.pullRequest).toMatchObject({ number: 2, updated: false });
    expect(server.pulls.map((p) => p.state)).toEqual(['open', 'open']);
  }, 300_000);

  it('keeps the report when GitHub rejects the token, exits 5, and says how to push the local branch', async () => {
    const { dir, bare, server, env } = await publishedProject();
    const run = await runCli([dir, '--pr'], { env: { ...env, GITHUB_TOKEN: 'expired' } });
    expect(run.code, run.stderr).toBe(5);
    const report = await reportOf(run.stdout);
    expect(report.status).toBe('green');
    expect(report.published?.error).toMatch(/401 Bad credentials \(the token was rejected\)/);
    const line = run.stderr.trim().split('\n').at(-1)!;
    expect(line).toMatch(/^improve: the pull request was not published: .*push it with: git -C \S+ push --force origin /);
    expect(git(dir, ['rev-parse', '--verify', `refs/heads/${report.published!.branch}`])).toBe(report.published!.commits!.at(-1));
    expect(() => git(bare, ['rev-parse', '--verify', '--quiet', `refs/heads/${report.published!.branch}`])).toThrow();
    expect(server.pulls).toHaveLength(0);
    // The command it gives really pushes the branch.
    git(dir, report.published!.pushCommand!.split(' ').slice(1));
    expect(git(bare, ['rev-parse', `refs/heads/${report.published!.branch}`])).toBe(report.published!.commits!.at(-1));
  }, 180_000);
});

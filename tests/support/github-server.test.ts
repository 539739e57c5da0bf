import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubServer, startGitHubServer } from './github-server.ts';

const repo = { owner: 'acme', repo: 'widgets' };
let dir: string;
let server: GitHubServer;
let octokit: Octokit;
// Octokit logs every failed request; the failures here are the point.
const log = { debug() {}, info() {}, warn() {}, error() {} };

/** A bare repo with branches main and feature, standing for the GitHub repo. */
function bareRepoWithBranches(): string {
  const work = join(dir, 'work');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: work, stdio: 'pipe' });
  execFileSync('git', ['init', '-q', '-b', 'main', work]);
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'start');
  git('branch', 'feature');
  execFileSync('git', ['clone', '-q', '--bare', work, join(dir, 'bare.git')]);
  return join(dir, 'bare.git');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'github-server-'));
  server = await startGitHubServer({ ...repo, token: 'secret', bareRepo: bareRepoWithBranches() });
  octokit = new Octokit({ auth: 'secret', baseUrl: server.url, log });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('github-server, driven by the real Octokit', () => {
  it('describes the repo and rejects unknown repos and routes', async () => {
    const { data } = await octokit.rest.repos.get(repo);
    expect(data).toMatchObject({ full_name: 'acme/widgets', default_branch: 'main', owner: { login: 'acme' } });
    await expect(octokit.rest.repos.get({ ...repo, repo: 'other' })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.request('GET /repos/acme/widgets/branches')).rejects.toMatchObject({ status: 404 });
  });

  it('creates, finds, pages, edits and labels a pull request', async () => {
    const created = await octokit.rest.pulls.create({ ...repo, title: 'Fix', head: 'feature', base: 'main', body: 'why', draft: true });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ title: 'Fix', draft: true, state: 'open', head: { ref: 'feature', label: 'acme:feature' } });
    const { number } = created.data;

    const found = await octokit.rest.pulls.list({ ...repo, head: 'acme:feature', base: 'main' });
    expect(found.data.map((pull) => pull.number)).toEqual([number]);
    expect((await octokit.rest.pulls.list({ ...repo, head: 'acme:other' })).data).toEqual([]);
    expect((await octokit.rest.pulls.list({ ...repo, per_page: 1, page: 2 })).data).toEqual([]);

    await octokit.rest.pulls.update({ ...repo, pull_number: number, title: 'Fix it', state: 'closed' });
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: number })).data).toMatchObject({ title: 'Fix it', state: 'closed' });
    expect((await octokit.rest.pulls.list(repo)).data).toEqual([]);
    expect((await octokit.rest.pulls.list({ ...repo, state: 'closed' })).data).toHaveLength(1);

    const labelled = await octokit.rest.issues.addLabels({ ...repo, issue_number: number, labels: ['improve'] });
    expect(labelled.data.map((label) => label.name)).toEqual(['improve']);
    expect((await octokit.rest.issues.listLabelsForRepo(repo)).data.map((label) => label.name)).toEqual(['improve']);
    await expect(octokit.rest.pulls.get({ ...repo, pull_number: 999 })).rejects.toMatchObject({ status: 404 });
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/repos/acme/widgets', authorization: 'token secret' });
  });

  it('refuses pull requests GitHub would refuse', async () => {
    await expect(octokit.rest.pulls.create({ ...repo, title: 'x', head: 'missing', base: 'main' })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Validation Failed', errors: [{ field: 'head', code: 'invalid' }] } },
    });
    await octokit.rest.pulls.create({ ...repo, title: 'x', head: 'feature', base: 'main' });
    await expect(octokit.rest.pulls.create({ ...repo, title: 'y', head: 'acme:feature', base: 'main' })).rejects.toThrow(
      'A pull request already exists for acme:feature.',
    );
  });

  it('answers bad credentials, and scripted failures, with the status given', async () => {
    const stranger = new Octokit({ auth: 'wrong', baseUrl: server.url, log });
    await expect(stranger.rest.repos.get(repo)).rejects.toMatchObject({ status: 401, message: expect.stringContaining('Bad credentials') });
    server.failNext(1, 403, 'Resource not accessible by personal access token');
    await expect(octokit.rest.repos.get(repo)).rejects.toMatchObject({ status: 403 });
    expect((await octokit.rest.repos.get(repo)).status).toBe(200);
  });
});

import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImprovementReport } from '../../src/contract/report.ts';
import { commitMessage, type PublishedChange } from '../../src/publish/change-request-text.ts';
import { repositoryFromRemote } from '../../src/publish/github.ts';
import { branchFor, publishImprovements } from '../../src/publish/publish.ts';
import { commitOf, commitProject, git } from '../support/git-repository.ts';
import { type GitHubServer, startGitHubServer } from '../support/github-server.ts';

const TOKEN = 'ghs_unit';
const servers: GitHubServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const suite = { passed: 1, failed: 1, total: 2, durationMs: 10 };

function reportFor(runId: string): ImprovementReport {
  return {
    version: 1,
    runId,
    status: 'green',
    stopReason: 'green',
    iterations: 1,
    baseline: suite,
    final: { ...suite, passed: 2, failed: 0 },
    findings: [],
    accepted: [],
    rejected: [],
    timings: { totalMs: 1, testMs: 1, suggestMs: 0 },
    tokensUsed: 0,
    writeMode: 'dry-run',
    written: [],
    artifactsDir: '/nowhere',
  };
}

function change(file: string, search: string, replace: string, priority: PublishedChange['priority'] = 'high'): PublishedChange {
  return {
    suggestionId: `s-${file}`,
    iteration: 1,
    source: 'repair',
    file,
    files: [file],
    diff: `--- a/${file}\n+++ b/${file}\n`,
    category: 'failure',
    priority,
    rationale: `Change ${search} to ${replace}.`,
    fixed: ['a test'],
    edits: [{ file, search, replace }],
  };
}

/** Publishes `changes` of run `runId` from the project at `projectDir` to its origin, the run's minimum priority high. */
const publishFrom = (projectDir: string, env: NodeJS.ProcessEnv, runId: string, changes: PublishedChange[]) =>
  publishImprovements({ projectDir, report: reportFor(runId), changes, remote: 'origin', minPriority: 'high', env });

/** A monorepo whose package `packages/calc` is the project; origin a bare repository. */
async function monorepo() {
  const root = mkdtempSync(path.join(tmpdir(), 'improve-publish-'));
  dirs.push(root);
  const pkg = path.join(root, 'packages/calc');
  mkdirSync(path.join(pkg, 'src'), { recursive: true });
  mkdirSync(path.join(pkg, 'tests'), { recursive: true });
  writeFileSync(path.join(pkg, 'src/add.js'), 'export const add = (a, b) => a - b;\n');
  writeFileSync(path.join(pkg, 'src/run.sh'), '#!/bin/sh\necho one\n');
  chmodSync(path.join(pkg, 'src/run.sh'), 0o755);
  writeFileSync(path.join(pkg, 'tests/add.test.js'), 'test\n');
  const { bare } = commitProject(root);
  dirs.push(path.dirname(bare));
  const server = await startGitHubServer({ owner: 'acme', repo: 'mono', token: TOKEN, bareRepo: bare });
  servers.push(server);
  git(bare, ['branch', 'release', 'main']);
  return { root, pkg, bare, server, env: { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'acme/mono', GITHUB_API_URL: server.url } };
}

describe('publishing kept changes', () => {
  it('commits with paths from the repository top, keeps file modes, and opens the request into GITHUB_BASE_REF', async () => {
    const { pkg, bare, server, env } = await monorepo();
    const published = await publishFrom(pkg, { ...env, GITHUB_BASE_REF: 'release' }, '1a2b3c4d-0000-4000-8000-000000000000', [
      change('src/add.js', 'a - b', 'a + b'),
      change('src/run.sh', 'echo one', 'echo two', 'low'),
    ]);
    expect(published.error).toBeUndefined();
    expect(published.branch).toBe('improve/1a2b3c4d');
    const [first, second] = published.commits!;
    expect(commitOf(bare, first!).files).toEqual(['packages/calc/src/add.js']);
    expect(commitOf(bare, second!).files).toEqual(['packages/calc/src/run.sh']);
    expect(git(bare, ['ls-tree', second!, 'packages/calc/src/run.sh']).split(' ')[0]).toBe('100755');
    expect(server.pulls[0]).toMatchObject({ base: 'release', head: 'improve/1a2b3c4d', draft: true });
  });

  it('publishes nothing when no kept change reaches the minimum priority', async () => {
    const { pkg, server, env } = await monorepo();
    const published = await publishFrom(pkg, env, 'run-low', [change('src/add.js', 'a - b', 'a + b', 'medium')]);
    expect(published).toEqual({ skipped: 'no kept change is of priority high or higher' });
    expect(server.requests).toHaveLength(0);
  });

  it('never commits a change to a test', async () => {
    const { root, pkg, env } = await monorepo();
    const published = await publishFrom(pkg, env, 'run-tests', [change('tests/add.test.js', 'test', 'skip')]);
    expect(published.error).toMatch(/^could not commit the changes on improve\/run: edits to tests .* are not allowed/);
    expect(() => git(root, ['rev-parse', '--verify', '--quiet', `refs/heads/${branchFor('run-tests')}`])).toThrow();
  });

  it('a refused push keeps the branch local and gives the command that pushes it', async () => {
    const { root, pkg, bare, server, env } = await monorepo();
    writeFileSync(path.join(bare, 'hooks/pre-receive'), '#!/bin/sh\necho "protected: no new branches" >&2\nexit 1\n');
    chmodSync(path.join(bare, 'hooks/pre-receive'), 0o755);
    const published = await publishFrom(pkg, env, '5e6f7a8b-0000-4000-8000-000000000000', [change('src/add.js', 'a - b', 'a + b')]);
    expect(published.error).toMatch(/^could not push improve\/5e6f7a8b to origin: git push failed: .*protected: no new branches/);
    expect(published.pushCommand).toBe(`git -C ${root} push --force origin refs/heads/improve/5e6f7a8b:refs/heads/improve/5e6f7a8b`);
    expect(git(root, ['rev-parse', 'improve/5e6f7a8b'])).toBe(published.commits!.at(-1));
    expect(server.pulls).toHaveLength(0);
  });
});

describe('a commit message', () => {
  it('says what the change is in its subject, the evidence in its body', () => {
    const kept = {
      ...change('src/slug.js', '<', '<='),
      rationale:
        'replace `<` with `<=` at src/slug.js:10 (relational-operator, suspiciousness 0.58 by per-test coverage). Validated in the sandbox.',
      finding: 'truncate > keeps text of exactly max: expected 1 to be 2',
      fixed: ['test/slug.test.js > truncate > keeps text of exactly max'],
    };
    const [subject, blank, ...body] = commitMessage(kept, 'run-1').split('\n');
    expect(subject).toBe('improve(failure, high): replace `<` with `<=` at src/slug.js:10');
    expect(blank).toBe('');
    expect(body).toEqual([
      `Finding: ${kept.finding}`,
      `Why: ${kept.rationale}`,
      'Fixes tests:',
      `- ${kept.fixed[0]}`,
      '',
      'Run: run-1 (recursive-improve, repair)',
      '',
    ]);
  });
});

describe('the GitHub repository of a remote', () => {
  it.each([
    ['https://github.com/acme/shop.git', 'acme/shop'],
    ['https://x-access-token:abc@github.com/acme/shop', 'acme/shop'],
    ['git@github.com:acme/shop.git', 'acme/shop'],
    ['ssh://git@ghe.example.com:2222/acme/shop.git', 'acme/shop'],
    ['https://ghe.example.com/acme/shop/', 'acme/shop'],
  ])('%s is %s', (url, slug) => {
    const repository = repositoryFromRemote(url);
    expect(repository && `${repository.owner}/${repository.repo}`).toBe(slug);
  });

  it.each(['/srv/git/shop.git', './origin.git', 'file:///srv/git/acme/shop.git'])('%s names none', (url) => {
    expect(repositoryFromRemote(url)).toBeUndefined();
  });
});

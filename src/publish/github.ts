import { ImproveError } from '../contract/errors.ts';
import { type ChangeRequest, PublishError, type Publisher } from './publisher.ts';

/** Where and as whom to open pull requests, by GitHub Actions' own conventions. */
export interface GitHubSettings {
  token: string;
  owner: string;
  repo: string;
  /** `GITHUB_API_URL`: GitHub Enterprise's API, or a server speaking it. */
  apiUrl: string;
  /** `GITHUB_BASE_REF`, set on pull_request events: the branch to propose into. */
  baseRef?: string;
}

const PUBLIC_API = 'https://api.github.com';

/** `owner/repo` from a remote URL: https, ssh and scp-like forms, with or without `.git` and credentials. */
export function repositoryFromRemote(url: string): { owner: string; repo: string } | undefined {
  const match = /[/:]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url.trim());
  // A path or file: URL is a repository on disk, not on a host.
  const onDisk = /^(?:[/.~]|file:)/.test(url.trim());
  return match && !onDisk ? { owner: match[1]!, repo: match[2]! } : undefined;
}

/** The settings from the environment and the remote's URL; an input error naming what is missing. */
export function gitHubSettings(env: NodeJS.ProcessEnv, remote: { name: string; url: string }): GitHubSettings {
  const token = env.GITHUB_TOKEN?.trim();
  if (!token) throw new ImproveError('input', '--pr needs GITHUB_TOKEN (a token that may push and open pull requests)');
  const named = env.GITHUB_REPOSITORY?.trim();
  const slug = named ? /^([^/\s]+)\/([^/\s]+)$/.exec(named) : undefined;
  if (named && !slug) throw new ImproveError('input', `GITHUB_REPOSITORY must be owner/name, got "${named}"`);
  const repository = slug ? { owner: slug[1]!, repo: slug[2]! } : repositoryFromRemote(remote.url);
  if (!repository) {
    throw new ImproveError(
      'input',
      `cannot tell the GitHub repository from remote ${remote.name} (${remote.url}): set GITHUB_REPOSITORY=owner/name`,
    );
  }
  return {
    token,
    ...repository,
    apiUrl: (env.GITHUB_API_URL?.trim() || PUBLIC_API).replace(/\/+$/, ''),
    ...(env.GITHUB_BASE_REF?.trim() ? { baseRef: env.GITHUB_BASE_REF.trim() } : {}),
  };
}

type Octokit = InstanceType<typeof import('@octokit/rest').Octokit>;

/** GitHub's pull requests through its REST API (`@octokit/rest`), loaded only when a run publishes. */
export async function createGitHubPublisher(settings: GitHubSettings): Promise<Publisher> {
  const { Octokit } = await import('@octokit/rest');
  const octokit: Octokit = new Octokit({ auth: settings.token, baseUrl: settings.apiUrl, userAgent: 'recursive-improve', log: silent });
  const repo = { owner: settings.owner, repo: settings.repo };
  const slug = `${settings.owner}/${settings.repo}`;
  const asked = <T>(what: string, call: Promise<T>) => call.catch((error: unknown) => Promise.reject(gitHubError(what, slug, error)));
  const toRequest = (pull: { number: number; html_url: string; head: { ref: string } }): ChangeRequest => ({
    number: pull.number,
    url: pull.html_url,
    head: pull.head.ref,
  });
  const label = (number: number, name: string) =>
    asked('label the pull request', octokit.rest.issues.addLabels({ ...repo, issue_number: number, labels: [name] }));

  return {
    host: 'GitHub',
    async defaultBranch() {
      const { data } = await asked('read the repository', octokit.rest.repos.get(repo));
      return data.default_branch;
    },
    async findOpen(marker) {
      const pulls = await asked('list pull requests', octokit.paginate(octokit.rest.pulls.list, { ...repo, state: 'open', per_page: 100 }));
      const ours = pulls.find((pull) => pull.head.ref.startsWith('improve/') && pull.body?.includes(marker));
      return ours && toRequest(ours);
    },
    async open({ head, base, title, body, label: name }) {
      const { data } = await asked('open the pull request', octokit.rest.pulls.create({ ...repo, head, base, title, body, draft: true }));
      await label(data.number, name);
      return toRequest(data);
    },
    async update(existing, { base, title, body, label: name }) {
      const { data } = await asked(
        'update the pull request',
        octokit.rest.pulls.update({ ...repo, pull_number: existing.number, base, title, body }),
      );
      await label(data.number, name);
      return toRequest(data);
    },
  };
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** One line from an Octokit failure: what was asked, GitHub's status and message. */
function gitHubError(what: string, slug: string, error: unknown): PublishError {
  const status = (error as { status?: unknown }).status;
  const message = (error as { response?: { data?: { message?: unknown } } }).response?.data?.message;
  const said = typeof message === 'string' ? message : error instanceof Error ? error.message.split('\n')[0] : String(error);
  const hint =
    status === 401 ? ' (the token was rejected)' : status === 403 || status === 404 ? ' (does the token have access to it?)' : '';
  return new PublishError(`GitHub could not ${what} in ${slug}: ${typeof status === 'number' ? `${status} ` : ''}${said}${hint}`, {
    cause: error,
  });
}

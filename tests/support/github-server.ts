import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';

/**
 * A local server speaking the part of the GitHub REST API the pull-request publisher uses (one repo:
 * its pulls and labels), for running the real @octokit/rest against it: `new Octokit({ auth, baseUrl: url })`.
 */

export interface GitHubServerOptions {
  owner: string;
  repo: string;
  token: string;
  defaultBranch?: string;
  /** A bare git repo standing for the GitHub one: a new pull request's head and base must be branches in it. */
  bareRepo?: string;
}

export interface RecordedRequest {
  method: string;
  /** Without the query. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization?: string;
}

export interface PullRequest {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  draft: boolean;
  state: 'open' | 'closed';
  labels: string[];
  html_url: string;
}

export interface GitHubServer {
  url: string;
  requests: RecordedRequest[];
  pulls: PullRequest[];
  /** The repo's labels. */
  labels: string[];
  /** The next `count` requests get `status` with `message`, whatever they ask (e.g. a revoked token). */
  failNext(count: number, status: number, message: string): void;
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown };
type Fields = Record<string, unknown>;

const documentation_url = 'https://docs.github.com/rest';
const notFound: Reply = { status: 404, body: { message: 'Not Found', documentation_url } };
const invalid = (...errors: Fields[]): Reply => ({ status: 422, body: { message: 'Validation Failed', errors, documentation_url } });
const runGit = promisify(execFile);

export async function startGitHubServer(options: GitHubServerOptions): Promise<GitHubServer> {
  const { owner, repo, token, defaultBranch = 'main', bareRepo } = options;
  const requests: RecordedRequest[] = [];
  const pulls: PullRequest[] = [];
  const labels: string[] = [];
  let failures: { count: number; status: number; message: string } | undefined;
  const fullName = `${owner}/${repo}`;
  let url = '';

  const repoJson = () => ({ name: repo, full_name: fullName, owner: { login: owner }, default_branch: defaultBranch, private: false });
  const pullJson = (pull: PullRequest) => ({
    ...pull,
    url: `${url}/repos/${fullName}/pulls/${pull.number}`,
    labels: pull.labels.map((name) => ({ name })),
    head: { ref: pull.head, label: `${owner}:${pull.head}`, repo: repoJson() },
    base: { ref: pull.base, label: `${owner}:${pull.base}`, repo: repoJson() },
    merged: false,
  });
  const branchExists = async (branch: string) =>
    !bareRepo ||
    runGit('git', ['--git-dir', bareRepo, 'rev-parse', '--verify', `refs/heads/${branch}`]).then(
      () => true,
      () => false,
    );

  const listPulls = (query: Record<string, string>): Reply => {
    const state = query.state ?? 'open';
    const matching = pulls.filter(
      (pull) =>
        (state === 'all' || pull.state === state) &&
        (!query.head || query.head === `${owner}:${pull.head}`) &&
        (!query.base || query.base === pull.base),
    );
    return { status: 200, body: page(matching, query).map(pullJson) };
  };

  const createPull = async (fields: Fields): Promise<Reply> => {
    const [title, base] = [text(fields.title), text(fields.base)];
    // GitHub takes the head as `branch` or `owner:branch`.
    const head = text(fields.head).replace(`${owner}:`, '');
    const missing = Object.entries({ title, head, base }).filter(([, value]) => !value);
    if (missing.length > 0) return invalid(...missing.map(([field]) => ({ resource: 'PullRequest', field, code: 'missing_field' })));
    for (const [field, branch] of Object.entries({ head, base })) {
      if (!(await branchExists(branch))) return invalid({ resource: 'PullRequest', field, code: 'invalid' });
    }
    if (pulls.some((pull) => pull.state === 'open' && pull.head === head)) {
      return invalid({ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${head}.` });
    }
    // Numbers continue after any pull request a test put in `pulls` itself.
    const number = Math.max(0, ...pulls.map((pull) => pull.number)) + 1;
    const html_url = `https://github.com/${fullName}/pull/${number}`;
    const pull: PullRequest = {
      number,
      title,
      body: text(fields.body),
      head,
      base,
      draft: fields.draft === true,
      state: 'open',
      labels: [],
      html_url,
    };
    pulls.push(pull);
    return { status: 201, body: pullJson(pull) };
  };

  const editPull = (pull: PullRequest, fields: Fields): Reply => {
    if (typeof fields.title === 'string') pull.title = fields.title;
    if (typeof fields.body === 'string') pull.body = fields.body;
    if (fields.state === 'open' || fields.state === 'closed') pull.state = fields.state;
    if (typeof fields.base === 'string') pull.base = fields.base;
    return { status: 200, body: pullJson(pull) };
  };

  /** Labels new to the repo are created on the way, as GitHub does. */
  const addLabels = (pull: PullRequest, fields: Fields): Reply => {
    for (const name of Array.isArray(fields.labels) ? fields.labels.map(String) : []) {
      if (!pull.labels.includes(name)) pull.labels.push(name);
      if (!labels.includes(name)) labels.push(name);
    }
    return { status: 200, body: pull.labels.map((name) => ({ name })) };
  };

  const answer = async ({ method, path, query, body, authorization }: RecordedRequest): Promise<Reply> => {
    if (failures && failures.count > 0) {
      failures.count--;
      return { status: failures.status, body: { message: failures.message, documentation_url } };
    }
    const credential = authorization?.match(/^(?:token|bearer) +(.+)$/i)?.[1];
    if (credential !== token) return { status: 401, body: { message: 'Bad credentials', documentation_url } };
    const prefix = `/repos/${fullName}`;
    if (!path.startsWith(prefix)) return notFound;
    const rest = path.slice(prefix.length);
    const fields = (body ?? {}) as Fields;
    // The n of /pulls/{n} and /issues/{n}/labels: on GitHub a pull request is an issue too.
    const number = Number(rest.match(/\/(\d+)/)?.[1]);
    const pull = pulls.find((candidate) => candidate.number === number);
    switch (`${method} ${rest.replace(/\/\d+/, '/{n}')}`) {
      case 'GET ':
        return { status: 200, body: repoJson() };
      case 'GET /labels':
        return { status: 200, body: page(labels, query).map((name) => ({ name })) };
      case 'GET /pulls':
        return listPulls(query);
      case 'POST /pulls':
        return createPull(fields);
      case 'GET /pulls/{n}':
        return pull ? { status: 200, body: pullJson(pull) } : notFound;
      case 'PATCH /pulls/{n}':
        return pull ? editPull(pull, fields) : notFound;
      case 'POST /issues/{n}/labels':
        return pull ? addLabels(pull, fields) : notFound;
      default:
        return notFound;
    }
  };

  const server = createServer(async (req, res) => {
    const target = new URL(req.url ?? '/', 'http://localhost');
    const raw = await readBody(req);
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      body: undefined,
      authorization: req.headers.authorization,
    };
    requests.push(request);
    try {
      request.body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return send(res, { status: 400, body: { message: 'Problems parsing JSON', documentation_url } });
    }
    send(res, await answer(request));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    pulls,
    labels,
    failNext: (count, status, message) => {
      failures = { count, status, message };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** GitHub's paging: `per_page` (30 by default) items of page `page` (from 1); past the end, none. */
function page<T>(items: T[], query: Record<string, string>): T[] {
  const size = Number(query.per_page ?? 30);
  const start = (Number(query.page ?? 1) - 1) * size;
  return items.slice(start, start + size);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(reply.body));
}

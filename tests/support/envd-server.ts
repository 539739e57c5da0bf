/**
 * A local stand-in for E2B: the control plane (create, connect, timeout, kill sandboxes) and the
 * sandbox daemon envd (Connect RPC with JSON bodies, REST /health and /files) on one free port,
 * backed by directories and real processes on this machine. The real `e2b` SDK runs against it
 * unchanged when given `apiUrl` and `sandboxUrl` (or `debug: true` on port 49983).
 *
 * Run as a script to serve until SIGTERM: `node tests/support/envd-server.ts [--port N] [--root DIR]`
 * prints one JSON line `{ url, apiUrl, sandboxUrl, root }`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ConnectRouter, HandlerContext } from '@connectrpc/connect';
import { Code, ConnectError } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { downloadFile, listDir, makeDir, movePath, removePath, sendJsonError, statEntry, uploadFiles } from './envd-files.ts';
import { findProcess, type ProcessConfig, requestTimeoutMs, sendSignal, startProcess, streamEvents } from './envd-processes.ts';
import { FilesystemService, ProcessService, serveService } from './envd-protocol.ts';
import { type CreateSandboxRequest, DEBUG_SANDBOX_ID, type EnvdSandbox, SandboxRegistry } from './envd-sandboxes.ts';

export interface EnvdServerOptions {
  /** Port to listen on; 0 (default) picks a free one. 49983 is where the SDK's debug mode looks. */
  port?: number;
  /** Directory holding the sandboxes; default a fresh temp dir, removed on close. */
  root?: string;
  /** When set, the control plane accepts only this API key (else any non-empty key). */
  apiKey?: string;
  /** Templates that can be started; others answer 404. */
  templates?: readonly string[];
  /** envd version reported to the SDK; it switches SDK features on and off by it. */
  envdVersion?: string;
}

export interface EnvdServer {
  /** Base URL of the server; `apiUrl` and `sandboxUrl` both point here. */
  url: string;
  apiUrl: string;
  sandboxUrl: string;
  root: string;
  /** Sandboxes alive right now (ids). */
  sandboxIds(): string[];
  /** Kills every sandbox and stops the server. */
  close(): Promise<void>;
}

const DEFAULT_ENVD_VERSION = '0.5.7';

function sandboxOf(registry: SandboxRegistry, context: HandlerContext): EnvdSandbox {
  const sandbox = registry.get(context.requestHeader.get('e2b-sandbox-id'));
  if (!sandbox) throw new ConnectError('sandbox not found', Code.Unavailable);
  return sandbox;
}

interface Selector {
  process?: { selector?: { case?: string; value?: unknown } };
}

function envdRoutes(registry: SandboxRegistry) {
  return (router: ConnectRouter) => {
    serveService(router, ProcessService, {
      async *start(request: { process?: ProcessConfig; tag?: string; stdin?: boolean }, context: HandlerContext) {
        const sandbox = sandboxOf(registry, context);
        const config = request.process ?? { cmd: '', args: [], envs: {} };
        yield* streamEvents(context, (listener) =>
          startProcess(sandbox, { config, tag: request.tag, stdin: request.stdin, timeoutMs: requestTimeoutMs(context) }, listener),
        );
      },
      async *connect(request: Selector, context: HandlerContext) {
        const proc = findProcess(sandboxOf(registry, context), request.process?.selector);
        yield* streamEvents(context, (listener) => {
          listener({ event: { case: 'start', value: { pid: proc.pid } } });
          proc.subscribe(listener);
        });
      },
      list(_request: unknown, context: HandlerContext) {
        const processes = [...sandboxOf(registry, context).processes.values()];
        return { processes: processes.map((proc) => ({ pid: proc.pid, tag: proc.tag, config: proc.config })) };
      },
      sendSignal(request: Selector & { signal: number }, context: HandlerContext) {
        sendSignal(findProcess(sandboxOf(registry, context), request.process?.selector), request.signal);
        return {};
      },
      sendInput(request: Selector & { input?: { input?: { value?: Uint8Array } } }, context: HandlerContext) {
        const proc = findProcess(sandboxOf(registry, context), request.process?.selector);
        proc.child.stdin?.write(request.input?.input?.value ?? new Uint8Array());
        return {};
      },
      closeStdin(request: Selector, context: HandlerContext) {
        findProcess(sandboxOf(registry, context), request.process?.selector).child.stdin?.end();
        return {};
      },
    });
    serveService(router, FilesystemService, {
      stat: (request: { path: string }, context: HandlerContext) => statEntry(sandboxOf(registry, context), request.path),
      makeDir: (request: { path: string }, context: HandlerContext) => makeDir(sandboxOf(registry, context), request.path),
      listDir: (request: { path: string; depth: number }, context: HandlerContext) =>
        listDir(sandboxOf(registry, context), request.path, request.depth || 1),
      remove: (request: { path: string }, context: HandlerContext) => removePath(sandboxOf(registry, context), request.path),
      move: (request: { source: string; destination: string }, context: HandlerContext) =>
        movePath(sandboxOf(registry, context), request.source, request.destination),
    });
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function sandboxDetail(sandbox: EnvdSandbox, envdVersion: string) {
  return {
    sandboxID: sandbox.id,
    templateID: sandbox.templateId,
    clientID: 'local',
    envdVersion,
    envdAccessToken: sandbox.accessToken,
    domain: null,
  };
}

/** What GET /sandboxes/{id} and GET /v2/sandboxes list about a sandbox. */
function sandboxListing(sandbox: EnvdSandbox, envdVersion: string) {
  const { metadata, startedAt, endAt } = sandbox;
  return { ...sandboxDetail(sandbox, envdVersion), state: 'running', metadata, startedAt, endAt, cpuCount: 2, memoryMB: 512 };
}

/**
 * The control plane: POST /v2/sandboxes, GET /v2/sandboxes, GET|DELETE /sandboxes/{id},
 * POST /sandboxes/{id}/timeout, POST /v2/sandboxes/{id}/connect.
 */
async function handleControlPlane(
  registry: SandboxRegistry,
  options: Required<Pick<EnvdServerOptions, 'envdVersion'>> & Pick<EnvdServerOptions, 'apiKey'>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const key = req.headers['x-api-key'];
  if (!key || (options.apiKey !== undefined && key !== options.apiKey)) {
    return sendJson(res, 401, { code: 401, message: 'Invalid API key' });
  }
  const [, version, collection, id, action] = url.pathname.match(/^\/(v2\/)?(sandboxes)(?:\/([^/]+))?(?:\/([^/]+))?$/) ?? [];
  if (!collection) return sendJson(res, 404, { code: 404, message: `no route ${req.method} ${url.pathname}` });

  if (!id && req.method === 'POST' && version) {
    const body = (await readJson(req)) as CreateSandboxRequest;
    const templateId = body.templateID ?? 'base';
    if (!registry.hasTemplate(templateId)) return sendJson(res, 404, { code: 404, message: `template '${templateId}' not found` });
    return sendJson(res, 201, sandboxDetail(registry.create({ ...body, templateID: templateId }), options.envdVersion));
  }
  if (!id && req.method === 'GET') {
    return sendJson(
      res,
      200,
      registry.list().map((sandbox) => sandboxListing(sandbox, options.envdVersion)),
    );
  }
  const sandbox = id ? registry.get(id) : undefined;
  if (!sandbox) return sendJson(res, 404, { code: 404, message: `sandbox '${id}' not found` });

  if (req.method === 'DELETE' && !action) {
    registry.kill(sandbox.id);
    return void res.writeHead(204).end();
  }
  if (req.method === 'GET' && !action) {
    return sendJson(res, 200, sandboxListing(sandbox, options.envdVersion));
  }
  if (req.method === 'POST' && (action === 'timeout' || action === 'connect')) {
    const { timeout } = await readJson(req);
    if (typeof timeout === 'number') registry.setTimeout(sandbox, timeout);
    if (action === 'timeout') return void res.writeHead(204).end();
    return sendJson(res, 200, sandboxDetail(sandbox, options.envdVersion));
  }
  return sendJson(res, 404, { code: 404, message: `no route ${req.method} ${url.pathname}` });
}

const CONTROL_PLANE = /^\/(v2\/)?sandboxes(\/|$)/;

export async function startEnvdServer(options: EnvdServerOptions = {}): Promise<EnvdServer> {
  const ownsRoot = !options.root;
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'envd-'));
  const registry = new SandboxRegistry(root, options.templates ?? ['base']);
  const envdVersion = options.envdVersion ?? DEFAULT_ENVD_VERSION;

  const envdRpc = connectNodeAdapter({ routes: envdRoutes(registry) });

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const fail = (error: unknown) => {
      if (!res.headersSent) sendJsonError(res, 500, error instanceof Error ? error.message : String(error));
      else res.destroy();
    };
    if (CONTROL_PLANE.test(url.pathname)) {
      handleControlPlane(registry, { envdVersion, apiKey: options.apiKey }, req, res, url).catch(fail);
      return;
    }
    // The edge proxy answers 502 for a sandbox that is gone; envd itself checks the access token.
    const sandbox = registry.get((req.headers['e2b-sandbox-id'] as string | undefined) ?? null);
    if (!sandbox) return sendJsonError(res, 502, 'sandbox not found');
    if (sandbox.id !== DEBUG_SANDBOX_ID && req.headers['x-access-token'] !== sandbox.accessToken) {
      return sendJsonError(res, 401, 'invalid access token');
    }
    if (url.pathname === '/health' && req.method === 'GET') return void res.writeHead(204).end();
    if (url.pathname === '/files' && req.method === 'GET') return void downloadFile(sandbox, url, res).catch(fail);
    if (url.pathname === '/files' && req.method === 'POST') return void uploadFiles(sandbox, url, req, res).catch(fail);
    envdRpc(req, res);
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let closed = false;
  return {
    url,
    apiUrl: url,
    sandboxUrl: url,
    root,
    sandboxIds: () => registry.list().map((sandbox) => sandbox.id),
    async close() {
      if (closed) return;
      closed = true;
      registry.killAll();
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      if (ownsRoot) rmSync(root, { recursive: true, force: true });
    },
  };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, root: { type: 'string' }, 'api-key': { type: 'string' } } });
  const server = await startEnvdServer({
    port: values.port ? Number(values.port) : 0,
    ...(values.root ? { root: values.root } : {}),
    ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
  });
  console.log(JSON.stringify({ url: server.url, apiUrl: server.apiUrl, sandboxUrl: server.sandboxUrl, root: server.root }));
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/**
 * envd's file access: the filesystem.Filesystem RPCs the SDK uses (Stat, MakeDir, ListDir, Remove,
 * Move) and the REST `/files` endpoints (GET downloads, POST uploads as multipart or octet-stream).
 */
import { lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, type Stats } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Code, ConnectError } from '@connectrpc/connect';
import { FILE_TYPE } from './envd-protocol.ts';
import { type EnvdSandbox, ensureParentDirs, giveToUser, resolveSandboxPath } from './envd-sandboxes.ts';

/** Go's FileMode.String() for the kinds we meet: `drwxr-xr-x`, `-rw-r--r--`, `Lrwxrwxrwx`. */
function permissionString(stats: Stats): string {
  const kind = stats.isDirectory() ? 'd' : stats.isSymbolicLink() ? 'L' : '-';
  const bits = 'rwxrwxrwx';
  let rest = '';
  for (let i = 0; i < 9; i += 1) rest += stats.mode & (1 << (8 - i)) ? bits[i] : '-';
  return kind + rest;
}

function entryInfo(path: string) {
  const stats = lstatSync(path, { throwIfNoEntry: false });
  if (!stats) throw new ConnectError(`path '${path}' does not exist`, Code.NotFound);
  const type = stats.isDirectory() ? FILE_TYPE.directory : stats.isSymbolicLink() ? FILE_TYPE.symlink : FILE_TYPE.file;
  return {
    name: basename(path),
    type,
    path,
    size: BigInt(stats.size),
    mode: stats.mode & 0o777,
    permissions: permissionString(stats),
    owner: stats.uid === 0 ? 'root' : String(stats.uid),
    group: stats.gid === 0 ? 'root' : String(stats.gid),
    modifiedTime: timestampFromDate(stats.mtime),
    ...(stats.isSymbolicLink() ? { symlinkTarget: readlinkSync(path) } : {}),
  };
}

export function statEntry(sandbox: EnvdSandbox, path: string) {
  return { entry: entryInfo(resolveSandboxPath(sandbox, path)) };
}

export function makeDir(sandbox: EnvdSandbox, path: string) {
  const target = resolveSandboxPath(sandbox, path);
  if (lstatSync(target, { throwIfNoEntry: false })) throw new ConnectError(`path '${target}' already exists`, Code.AlreadyExists);
  ensureParentDirs(sandbox, target);
  mkdirSync(target);
  giveToUser(sandbox, target);
  return { entry: entryInfo(target) };
}

export function listDir(sandbox: EnvdSandbox, path: string, depth: number) {
  const root = resolveSandboxPath(sandbox, path);
  if (!lstatSync(root, { throwIfNoEntry: false })?.isDirectory())
    throw new ConnectError(`directory '${root}' does not exist`, Code.NotFound);
  const entries: ReturnType<typeof entryInfo>[] = [];
  const walk = (dir: string, level: number) => {
    for (const name of readdirSync(dir).sort()) {
      const entry = entryInfo(join(dir, name));
      entries.push(entry);
      if (entry.type === FILE_TYPE.directory && level < depth) walk(entry.path, level + 1);
    }
  };
  walk(root, 1);
  return { entries };
}

export function removePath(sandbox: EnvdSandbox, path: string) {
  rmSync(resolveSandboxPath(sandbox, path), { recursive: true, force: true });
  return {};
}

export function movePath(sandbox: EnvdSandbox, source: string, destination: string) {
  const from = resolveSandboxPath(sandbox, source);
  const to = resolveSandboxPath(sandbox, destination);
  if (!lstatSync(from, { throwIfNoEntry: false })) throw new ConnectError(`path '${from}' does not exist`, Code.NotFound);
  ensureParentDirs(sandbox, to);
  renameSync(from, to);
  return { entry: entryInfo(to) };
}

/** envd's REST error body. */
export function sendJsonError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code: status, message }));
}

/** GET /files?path= : the file's bytes, 404 when missing, 400 for a directory. */
export async function downloadFile(sandbox: EnvdSandbox, url: URL, res: ServerResponse): Promise<void> {
  const path = resolveSandboxPath(sandbox, url.searchParams.get('path') ?? '');
  const stats = await stat(path).catch(() => undefined);
  if (!stats) return sendJsonError(res, 404, `path '${path}' does not exist`);
  if (stats.isDirectory()) return sendJsonError(res, 400, `path '${path}' is a directory`);
  const bytes = await readFile(path);
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length }).end(bytes);
}

async function writeUpload(sandbox: EnvdSandbox, path: string, bytes: Uint8Array) {
  if ((await stat(path).catch(() => undefined))?.isDirectory()) throw new Error(`path is a directory: ${path}`);
  ensureParentDirs(sandbox, path);
  await writeFile(path, bytes);
  giveToUser(sandbox, path);
  return { name: basename(path), type: 'file', path };
}

/**
 * POST /files: octet-stream bodies go to `?path=`; multipart parts named `file` go to `?path=` or,
 * without it, to their filename (which the SDK sets to the full target path).
 */
export async function uploadFiles(sandbox: EnvdSandbox, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const queryPath = url.searchParams.get('path');
  const contentType = req.headers['content-type'] ?? '';
  const body = new Request(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: Readable.toWeb(req) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  try {
    const written: Array<Awaited<ReturnType<typeof writeUpload>>> = [];
    if (contentType.startsWith('application/octet-stream')) {
      if (!queryPath) return sendJsonError(res, 400, 'path query parameter is required for raw body upload');
      written.push(await writeUpload(sandbox, resolveSandboxPath(sandbox, queryPath), new Uint8Array(await body.arrayBuffer())));
    } else if (contentType.startsWith('multipart/')) {
      for (const [name, part] of await body.formData()) {
        if (name !== 'file' || typeof part === 'string') continue;
        const target = resolveSandboxPath(sandbox, queryPath ?? part.name);
        if (written.some((entry) => entry.path === target)) {
          return sendJsonError(res, 400, `you cannot upload multiple files to the same path '${target}' in one upload request`);
        }
        written.push(await writeUpload(sandbox, target, new Uint8Array(await part.arrayBuffer())));
      }
    } else {
      return sendJsonError(res, 400, `unsupported content type: ${contentType}, expected multipart/form-data or application/octet-stream`);
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(written));
  } catch (error) {
    sendJsonError(res, 400, error instanceof Error ? error.message : String(error));
  }
}

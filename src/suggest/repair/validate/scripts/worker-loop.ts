// The side of the validator protocol every worker shares: requests taken from the inbox in id order,
// replies written as marked lines on stdout. Runs INSIDE the sandbox, copied there as plain
// JavaScript beside the worker that imports it (install.ts): Node built-ins only; protocol.ts is
// imported for its types alone.
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Message, Request, WorkerConfig } from './protocol.ts';

/** protocol.ts's MESSAGE_MARK (that module needs zod, which the project may not have). */
const MESSAGE_MARK = '@@improve-validator@@';

export function send(message: Message): void {
  // The leading newline keeps the mark at a line start even after unterminated user output.
  process.stdout.write(`\n${MESSAGE_MARK}${JSON.stringify(message)}\n`);
}

export function fail(message: string, id?: number): void {
  send({ type: 'error', id, message });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const inboxOf = (config: WorkerConfig) => path.join(process.cwd(), config.stateDir, 'inbox');

/** An empty inbox: a killed predecessor may have left requests in it. */
export async function openInbox(config: WorkerConfig): Promise<void> {
  await rm(inboxOf(config), { recursive: true, force: true });
  await mkdir(inboxOf(config), { recursive: true });
}

export type RunRequest = Extract<Request, { type: 'run' }>;

/**
 * Hands each run request to `handle`, one at a time, until a shutdown request or `idleExitMs`
 * without any (the host is gone). A request that throws gets an error reply.
 */
export async function serveRequests(config: WorkerConfig, handle: (request: RunRequest) => Promise<void>): Promise<void> {
  const requestFile = (id: number) => path.join(inboxOf(config), `${String(id).padStart(9, '0')}.json`);
  let expectedId = 1;
  // A file is left in place until the one after it arrives: by then the host has finished
  // writing it (the host may still be setting its owner right after the write).
  const nextRequest = async (): Promise<Request | null> => {
    let request: Request;
    try {
      request = JSON.parse(await readFile(requestFile(expectedId), 'utf8')) as Request;
    } catch {
      return null; // not there yet, or still being written
    }
    if (expectedId > 1) await rm(requestFile(expectedId - 1), { force: true });
    expectedId++;
    return request;
  };
  let lastRequest = Date.now();
  for (;;) {
    const request = await nextRequest();
    if (!request) {
      if (Date.now() - lastRequest > config.idleExitMs) return;
      await sleep(config.pollMs);
      continue;
    }
    lastRequest = Date.now();
    if (request.type === 'shutdown') return;
    try {
      await handle(request);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error), request.id);
    }
  }
}

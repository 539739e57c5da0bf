/**
 * The envd protocol (process.Process, filesystem.Filesystem) as the installed `e2b` SDK compiled it.
 *
 * The SDK embeds its generated descriptors as base64 `FileDescriptorProto`s (in its ESM and CJS
 * bundles alike) and does not export them;
 * reading them out of its bundle keeps this server speaking exactly the protocol the client expects,
 * whatever SDK version is installed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DescFile, DescService } from '@bufbuild/protobuf';
import { fileDesc } from '@bufbuild/protobuf/codegenv2';
import { file_google_protobuf_timestamp } from '@bufbuild/protobuf/wkt';
import type { ConnectRouter, HandlerContext, ServiceImpl } from '@connectrpc/connect';

function loadSdkFiles(): DescFile[] {
  const bundlePath = createRequire(import.meta.url).resolve('e2b');
  const bundle = readFileSync(bundlePath, 'utf8');
  const encoded = [...bundle.matchAll(/fileDesc\)?\("([A-Za-z0-9+/=]{64,})"/g)].map((match) => match[1] ?? '');
  return encoded.map((base64) => fileDesc(base64, [file_google_protobuf_timestamp]));
}

function findService(files: DescFile[], typeName: string): DescService {
  for (const file of files) {
    const service = file.services.find((candidate) => candidate.typeName === typeName);
    if (service) return service;
  }
  throw new Error(`the installed e2b SDK has no ${typeName} descriptor; cannot serve envd`);
}

const sdkFiles = loadSdkFiles();

export const ProcessService = findService(sdkFiles, 'process.Process');
export const FilesystemService = findService(sdkFiles, 'filesystem.Filesystem');

/** Signal numbers of `process.Signal` (SIGNAL_SIGTERM = 15, SIGNAL_SIGKILL = 9). */
export const SIGNALS: Record<number, NodeJS.Signals> = { 9: 'SIGKILL', 15: 'SIGTERM' };

/** `filesystem.FileType` values. */
export const FILE_TYPE = { file: 1, directory: 2, symlink: 3 } as const;

/** Handlers by method name; each declares the request fields it reads. */
export type EnvdHandlers = Record<string, (request: never, context: HandlerContext) => unknown>;

/**
 * Registers handlers for a service whose descriptor is only known at run time: TypeScript cannot
 * derive its message types, so this is the one place where the handlers' shapes are trusted.
 */
export function serveService(router: ConnectRouter, service: DescService, handlers: EnvdHandlers): void {
  router.service(service, handlers as unknown as Partial<ServiceImpl<DescService>>);
}

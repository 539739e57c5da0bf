import { posix } from 'node:path';
import { SandboxError } from './errors.ts';

/**
 * Resolves `path` (relative to `workdir`, or absolute) inside a sandbox we reach only through its
 * API, and refuses anything that leaves `workdir`. Unlike the local check it cannot follow links:
 * the remote filesystem is not ours to inspect.
 */
export function remotePathIn(workdir: string, path: string): string {
  const target = posix.resolve(workdir, path);
  if (target !== workdir && !target.startsWith(`${workdir}/`)) {
    throw new SandboxError('OUTSIDE_WORKSPACE', `path leaves the sandbox workspace: ${path}`);
  }
  return target;
}

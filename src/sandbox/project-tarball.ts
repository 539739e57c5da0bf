/**
 * One gzip'd tarball of a project's files, made by the system `tar` so a remote sandbox receives
 * the whole project in a single upload and unpacks it with one command.
 */
import { spawn } from 'node:child_process';
import { selectProjectFiles } from './copy.ts';
import { SandboxError } from './errors.ts';

export interface ProjectTarball {
  bytes: Buffer;
  fileCount: number;
}

export async function packProject(projectDir: string): Promise<ProjectTarball> {
  const files = await selectProjectFiles(projectDir);
  // A listed directory (a git submodule) is packed whole, minus what never enters a sandbox; files
  // git lists but that are gone from disk (deleted, not committed) are skipped.
  const tar = spawn(
    'tar',
    ['-czf', '-', '--ignore-failed-read', '--exclude=node_modules', '--exclude=.git', '--exclude=.improve', '--null', '-T', '-'],
    { cwd: projectDir, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  tar.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  tar.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
  tar.stdin.end(files.map((file) => `${file}\0`).join(''));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    tar.once('error', reject);
    tar.once('close', resolve);
  });
  if (exitCode !== 0) {
    const reason = Buffer.concat(errors).toString('utf8').trim().split('\n')[0] ?? `exit code ${exitCode}`;
    throw new SandboxError('PACK_FAILED', `could not pack ${projectDir}: ${reason}`);
  }
  return { bytes: Buffer.concat(chunks), fileCount: files.length };
}

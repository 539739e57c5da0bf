import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sandbox } from '../sandbox/types.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Puts the project's test files in the sandbox back as they are in the project, after a run in
 * which the suite changed them (a test that rewrites another test's expectation, or its own), so
 * that every run starts from the original tests. Returns the files that had changed. One command
 * hashes them all in the sandbox; only changed files are copied back.
 */
export async function restoreTestFiles(sandbox: Sandbox, projectDir: string, testFiles: ReadonlySet<string>): Promise<string[]> {
  const originals = new Map<string, Buffer>();
  await Promise.all(
    [...testFiles].map(async (file) => {
      const bytes = await readFile(path.join(projectDir, file)).catch(() => undefined);
      if (bytes) originals.set(file, bytes);
    }),
  );
  if (originals.size === 0) return [];
  const listed = await sandbox.executeCommand('sha256sum', ['--', ...originals.keys()]);
  const inSandbox = new Map(
    listed.stdout
      .split('\n')
      .map((line) => /^([0-9a-f]{64}) [ *](.+)$/.exec(line))
      .flatMap((match) => (match ? [[match[2]!, match[1]!] as const] : [])),
  );
  const changed = [...originals].filter(([file, bytes]) => inSandbox.get(file) !== sha256(bytes)).map(([file]) => file);
  for (const file of changed) await sandbox.writeFile(file, originals.get(file)!);
  return changed.sort();
}

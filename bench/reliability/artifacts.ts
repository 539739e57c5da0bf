// What a run left in the project's .improve folder (report, summary, patch, blobs, mastra.db), read
// as bytes: a secret must not be anywhere in it, whatever the format.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(path);
      return entry.isFile() ? [path] : [];
    }),
  );
  return nested.flat();
}

/** Files under `dir` (relative paths) whose bytes contain `text`. */
export async function filesContaining(dir: string, text: string): Promise<string[]> {
  const needle = Buffer.from(text);
  const found: string[] = [];
  for (const file of await filesUnder(dir)) {
    if ((await readFile(file)).includes(needle)) found.push(relative(dir, file));
  }
  return found;
}

/** Total bytes of the files under `dir`. */
export async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const file of await filesUnder(dir)) total += (await lstat(file)).size;
  return total;
}

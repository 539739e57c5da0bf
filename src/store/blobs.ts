import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';

/** The digest of a blob's JSON text: names it, and tells a blob read back from one gone bad. */
export type BlobRef = string;

/** Most blobs kept in memory; the rest are read back from disk when asked for. */
const CACHE_LIMIT = 64;
const cache = new Map<string, unknown>();

/**
 * Keeps `value` as JSON in `dir`, named by its content, and returns that name. Writing the same
 * value twice stores it once. Written whole or not at all (a temporary file renamed into place),
 * so a process killed mid-write never leaves a blob that reads back wrong.
 */
export async function putBlob(dir: string, value: unknown): Promise<BlobRef> {
  const text = JSON.stringify(value);
  const ref = digest(text);
  const file = path.join(dir, `${ref}.json`);
  if (!cache.has(file)) {
    await mkdir(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, text);
    await rename(temp, file);
    remember(file, value);
  }
  return ref;
}

/** The blob `ref` in `dir`, from memory or from disk (after a restart, in another process), checked by `schema`. */
export async function getBlob<T>(dir: string, ref: BlobRef, schema: z.ZodType<T>): Promise<T> {
  const file = path.join(dir, `${ref}.json`);
  if (cache.has(file)) return cache.get(file) as T;
  const text = await readFile(file, 'utf8');
  if (digest(text) !== ref) throw new Error(`stored data ${file} does not match its name`);
  const value = schema.parse(JSON.parse(text));
  remember(file, value);
  return value;
}

function remember(file: string, value: unknown): void {
  cache.delete(file);
  cache.set(file, value);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
}

/** 64 bits of sha-256, in hex: unique enough among one run's few hundred blobs, and short in every chunk that refers to it. */
function digest(text: string): BlobRef {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

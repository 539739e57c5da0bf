import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getBlob, putBlob } from '../../src/store/blobs.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'improve-blobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const Schema = z.object({ name: z.string(), lines: z.array(z.number()) });

/** Writes a blob as another process would have: this process has never seen it. */
function writtenElsewhere(value: unknown, text = JSON.stringify(value)): string {
  const ref = createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
  writeFileSync(path.join(dir, `${ref}.json`), text);
  return ref;
}

describe('the run blob store', () => {
  it('stores a value once under the name of its content, and gives it back', async () => {
    const value = { name: 'a', lines: [1, 2, 3] };
    const ref = await putBlob(dir, value);
    expect(await putBlob(dir, { name: 'a', lines: [1, 2, 3] })).toBe(ref);
    expect(readdirSync(dir)).toEqual([`${ref}.json`]);
    expect(JSON.parse(readFileSync(path.join(dir, `${ref}.json`), 'utf8'))).toEqual(value);
    expect(await getBlob(dir, ref, Schema)).toEqual(value);
    expect(await putBlob(dir, { name: 'b', lines: [] })).not.toBe(ref);
  });

  it('reads back from disk what another process stored, checked by its schema', async () => {
    const value = { name: 'elsewhere', lines: [7] };
    expect(await getBlob(dir, writtenElsewhere(value), Schema)).toEqual(value);
    const bad = writtenElsewhere({ name: 'bad' });
    await expect(getBlob(dir, bad, Schema)).rejects.toThrow(/lines/);
  });

  it('refuses a file whose content does not match its name', async () => {
    const ref = writtenElsewhere({ name: 'x', lines: [1] }, JSON.stringify({ name: 'x', lines: [2] }));
    await expect(getBlob(dir, ref, Schema)).rejects.toThrow(`stored data ${path.join(dir, `${ref}.json`)} does not match its name`);
  });
});

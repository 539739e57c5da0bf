import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EditError } from '../../src/patch/edits.ts';
import { writeBackAtomically } from '../../src/patch/write-back.ts';

let dir: string;
let outside: string;
const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
const listing = () => readdirSync(path.join(dir, 'src')).sort();

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'write-back-'));
  outside = mkdtempSync(path.join(tmpdir(), 'outside-'));
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'src/a.ts'), 'export const a = 1;\n');
  writeFileSync(path.join(dir, 'src/b.ts'), 'export const b = 2;\n', { mode: 0o640 });
});
afterEach(() => {
  try {
    execFileSync('chattr', ['-i', path.join(dir, 'src/b.ts')], { stdio: 'ignore' });
  } catch {}
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const fixBoth = [
  { file: 'src/a.ts', search: '= 1', replace: '= 10' },
  { file: 'src/b.ts', search: '= 2', replace: '= 20' },
];

describe('writeBackAtomically', () => {
  it('writes every change, keeps file modes, leaves no temporary files', async () => {
    const changes = await writeBackAtomically(dir, fixBoth);
    expect(changes.map((c) => c.file)).toEqual(['src/a.ts', 'src/b.ts']);
    expect(read('src/a.ts')).toBe('export const a = 10;\n');
    expect(read('src/b.ts')).toBe('export const b = 20;\n');
    expect(statSync(path.join(dir, 'src/b.ts')).mode & 0o777).toBe(0o640);
    expect(listing()).toEqual(['a.ts', 'b.ts']);
  });

  it('with a journal, a write repeated after it was done (a resumed run) reports it done, and applies nothing twice', async () => {
    const journal = path.join(outside, 'write-back.json');
    // Applied twice, `= 1` -> `= 10` would become `= 100`.
    await writeBackAtomically(dir, fixBoth, journal);
    const again = await writeBackAtomically(dir, fixBoth, journal);
    expect(again.map((c) => [c.file, c.after])).toEqual([
      ['src/a.ts', 'export const a = 10;\n'],
      ['src/b.ts', 'export const b = 20;\n'],
    ]);
    expect([read('src/a.ts'), read('src/b.ts')]).toEqual(['export const a = 10;\n', 'export const b = 20;\n']);
    // A file changed since: the journal no longer says what is there, and the edits are planned anew.
    const exact = [{ file: 'src/a.ts', search: 'a = 1;', replace: 'a = 10;' }];
    writeFileSync(path.join(dir, 'src/a.ts'), 'export const a = 11;\n');
    await expect(writeBackAtomically(dir, exact, journal)).rejects.toBeInstanceOf(EditError);
  });

  it('touches nothing when one edit no longer applies', async () => {
    writeFileSync(path.join(dir, 'src/b.ts'), 'export const b = 3; // changed by the user\n');
    const error = await writeBackAtomically(dir, fixBoth).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EditError);
    expect((error as Error).message).toMatch(/search text not found in src\/b.ts/);
    expect(read('src/a.ts')).toBe('export const a = 1;\n');
    expect(listing()).toEqual(['a.ts', 'b.ts']);
  });

  it('restores files already replaced when a later rename fails', async () => {
    // An immutable target makes the second rename fail after the first one succeeded.
    execFileSync('chattr', ['+i', path.join(dir, 'src/b.ts')]);
    const error = await writeBackAtomically(dir, fixBoth).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('EPERM');
    expect(read('src/a.ts')).toBe('export const a = 1;\n');
    expect(read('src/b.ts')).toBe('export const b = 2;\n');
    expect(listing()).toEqual(['a.ts', 'b.ts']);
  });

  it('refuses a symlink that leads out of the project', async () => {
    writeFileSync(path.join(outside, 'secret.ts'), 'export const s = 1;\n');
    symlinkSync(path.join(outside, 'secret.ts'), path.join(dir, 'src/link.ts'));
    const error = await writeBackAtomically(dir, [{ file: 'src/link.ts', search: '= 1', replace: '= 2' }]).catch((e: unknown) => e);
    expect((error as EditError).code).toBe('refused');
    expect(readFileSync(path.join(outside, 'secret.ts'), 'utf8')).toBe('export const s = 1;\n');
  });

  it('refuses test files', async () => {
    mkdirSync(path.join(dir, 'tests'));
    writeFileSync(path.join(dir, 'tests/a.test.ts'), 'expect(1).toBe(2);\n');
    const error = await writeBackAtomically(dir, [{ file: 'tests/a.test.ts', search: '2', replace: '1' }]).catch((e: unknown) => e);
    expect((error as EditError).code).toBe('refused');
    expect(read('tests/a.test.ts')).toBe('expect(1).toBe(2);\n');
  });
});

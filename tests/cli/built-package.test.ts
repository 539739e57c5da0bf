import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entries, NODE, ROOT, runCli, tempDir } from './support/cli.ts';

const VERSION = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).version as string;

describe('improve --version', () => {
  it('prints the package version from a source checkout', async () => {
    const run = await runCli(['--version']);
    expect(run).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

// The package as installed: dist/ from the build, bin/ and package.json beside it. Built into a
// temporary folder, never into the repository (bin/improve.js would then run dist/ in every test).
describe('the built package', () => {
  let pkg: string;
  beforeAll(async () => {
    pkg = await mkdtemp(join(tmpdir(), 'improve-built-'));
    await promisify(execFile)(
      NODE,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(pkg, 'dist')],
      {
        cwd: ROOT,
      },
    );
    await cp(join(ROOT, 'bin'), join(pkg, 'bin'), { recursive: true });
    await cp(join(ROOT, 'package.json'), join(pkg, 'package.json'));
    await symlink(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
  }, 300_000);
  afterAll(async () => {
    if (pkg) await rm(pkg, { recursive: true, force: true });
  });

  it('answers --version with the package version', async () => {
    const run = await runCli(['--version'], { entry: join(pkg, 'bin/improve.js') });
    expect(run).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('loads its commands and answers an input error in one line', async () => {
    const dir = await tempDir();
    const run = await runCli([dir], { entry: join(pkg, 'bin/improve.js') });
    expect(run).toEqual({ code: 2, stdout: '', stderr: `improve: project directory is empty: ${dir}\n` });
    expect(await entries(dir)).toEqual([]);
  }, 60_000);
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ImproveError } from '../../src/contract/errors.ts';
import { checkProject } from '../../src/testing/preflight.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function projectWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'improve-preflight-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  return dir;
}

describe('checkProject', () => {
  it('accepts a project without a test script that declares vitest and has it installed', async () => {
    const dir = await projectWith({
      'package.json': '{"devDependencies":{"vitest":"^5.0.0"}}',
      'node_modules/vitest/package.json': '{"name":"vitest"}',
    });
    await expect(checkProject(join(dir))).resolves.toBeUndefined();
  });

  it('refuses a folder that does not say how it is tested, even below a node_modules holding vitest', async () => {
    const dir = await projectWith({ 'node_modules/vitest/package.json': '{"name":"vitest"}', 'app/package.json': '{}', 'bare/a.ts': '' });
    const refused = await checkProject(join(dir, 'app')).catch((error: unknown) => error);
    expect(refused).toMatchObject({ category: 'input' });
    expect((refused as Error).message).toMatch(
      /^no test command for .*\/app: no test script in package.json, and none of vitest.* is set up as its runner \(add a test script or give a test command\)$/,
    );
    await expect(checkProject(join(dir, 'bare'))).rejects.toMatchObject({
      category: 'input',
      message: `no package.json in ${join(dir, 'bare')}: not a Node project (give a test command to run one anyway)`,
    });
    await expect(checkProject(join(dir, 'bare'), 'vitest run')).resolves.toBeUndefined();
  });

  it('accepts one that declares vitest without installing it only where the sandbox installs it (E2B)', async () => {
    const dir = await projectWith({ 'package.json': '{"scripts":{"test":"vitest run"},"devDependencies":{"vitest":"^5.0.0"}}' });
    await expect(checkProject(dir, undefined, { sandboxInstalls: true })).resolves.toBeUndefined();
    await expect(checkProject(dir)).rejects.toMatchObject({
      category: 'input',
      message: `vitest is not installed for ${dir}: install the project's dependencies first (npm install)`,
    });
  });

  it('takes a given test command over package.json, even an unreadable package.json', async () => {
    const dir = await projectWith({ 'package.json': '{ nope', 'src/a.ts': '', 'node_modules/vitest/package.json': '{"name":"vitest"}' });
    await expect(checkProject(dir, 'npx vitest run')).resolves.toBeUndefined();
  });

  it('ignores the .improve folder of an earlier run when telling whether the project is empty', async () => {
    const dir = await projectWith({ '.improve/mastra.db': '' });
    const error = await checkProject(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImproveError);
    expect(error).toMatchObject({ category: 'input', message: `project directory is empty: ${dir}` });
  });

  it('refuses a file given as the project', async () => {
    const dir = await projectWith({ 'file.txt': '' });
    await expect(checkProject(join(dir, 'file.txt'))).rejects.toMatchObject({
      category: 'input',
      message: `not a directory: ${dir}/file.txt`,
    });
  });
});

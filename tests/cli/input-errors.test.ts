import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImprovementReportSchema } from '../../src/contract/report.ts';
import { entries, ONE_BUG, projectCopy, ROOT, runCli, tempDir } from './support/cli.ts';

/** A directory with a source file and the given package.json text (none when undefined). */
async function project(packageJson?: string): Promise<string> {
  const dir = await tempDir();
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'src/index.ts'), 'export const answer = 42;\n');
  if (packageJson !== undefined) await writeFile(join(dir, 'package.json'), packageJson);
  return dir;
}

/** Exit 2, exactly one line on stderr, nothing on stdout, and nothing written into the project. */
async function expectInputError(args: string[], dir: string, message: string): Promise<void> {
  const before = await entries(dir);
  const run = await runCli(args);
  expect(run.stderr).toBe(`improve: ${message}\n`);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(await entries(dir)).toEqual(before);
}

describe('errors knowable before a run: one line, exit 2, nothing written into the project', () => {
  it('an empty directory', async () => {
    const dir = await tempDir();
    await expectInputError([dir], dir, `project directory is empty: ${dir}`);
  });

  it('a package.json that is not JSON', async () => {
    const dir = await project('{ "scripts": ');
    await expectInputError([dir], dir, 'package.json is not valid JSON: Unexpected end of JSON input');
  });

  it('a project without a test command', async () => {
    const dir = await project('{ "name": "no-tests" }');
    await expectInputError(
      [dir],
      dir,
      `no test command for ${dir}: no test script in package.json and vitest is not installed (add a test script or give a test command)`,
    );
  });

  it('a runner whose results cannot be read', async () => {
    const dir = await project('{ "scripts": { "test": "mocha --recursive" } }');
    await expectInputError(
      [dir],
      dir,
      'package.json scripts.test runs `mocha --recursive`, not vitest: only vitest results can be read (give a test command that runs vitest)',
    );
  });

  it('a --test-command that does not run vitest', async () => {
    const dir = await projectCopy(ONE_BUG);
    await expectInputError(
      [dir, '--test-command', 'node --test'],
      dir,
      'the given test command runs `node --test`, not vitest: only vitest results can be read (give a test command that runs vitest)',
    );
  });

  it('a suggester that cannot work here', async () => {
    const dir = await projectCopy(ONE_BUG);
    await expectInputError(
      [dir, '--suggester', 'llm'],
      dir,
      "suggester 'llm' is not available here: it needs a model (set OPENAI_API_KEY, with OPENAI_BASE_URL for an OpenAI-compatible server, or IMPROVE_MODEL)",
    );
  });

  it('an E2B sandbox without an API key', async () => {
    const dir = await projectCopy(ONE_BUG);
    await expectInputError(
      [dir, '--sandbox', 'e2b'],
      dir,
      'invalid E2B settings: apiKey: E2B_API_KEY is not set (pass e2b.apiKey or set E2B_API_KEY)',
    );
  });

  it('a --report file in a directory that does not exist', async () => {
    const dir = await projectCopy(ONE_BUG);
    await expectInputError([dir, '--report', '/no/such/dir/report.json'], dir, '--report: directory not found: /no/such/dir');
  });

  it('resuming a run in a project that has none', async () => {
    const dir = await projectCopy(ONE_BUG);
    await expectInputError(['resume', 'no-such-run', '--dir', dir], dir, `no run no-such-run in ${join(dir, '.improve')}`);
  });
});

describe('--test-command', () => {
  it('overrides the command package.json gives, even one whose results cannot be read', async () => {
    const dir = await projectCopy(join(ROOT, 'examples/green'));
    const packageJson = join(dir, 'package.json');
    await writeFile(packageJson, JSON.stringify({ ...JSON.parse(await readFile(packageJson, 'utf8')), scripts: { test: 'mocha' } }));
    const reportFile = join(await tempDir(), 'report.json');
    const run = await runCli([dir, '--test-command', 'vitest run', '--report', reportFile]);
    expect(run.code, run.stderr).toBe(0);
    const report = ImprovementReportSchema.parse(JSON.parse(await readFile(reportFile, 'utf8')));
    expect(report).toMatchObject({ status: 'green', final: { failed: 0 } });
    expect(report.final.passed).toBeGreaterThan(0);
  }, 300_000);
});

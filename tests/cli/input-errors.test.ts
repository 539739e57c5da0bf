import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImprovementReportSchema } from '../../src/contract/report.ts';
import { entries, ONE_BUG, projectCopy, ROOT, type RunOptions, runCli, snapshot, tempDir } from './support/cli.ts';

/** A directory with a source file and the given package.json text (none when undefined). */
async function project(packageJson?: string): Promise<string> {
  const dir = await tempDir();
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'src/index.ts'), 'export const answer = 42;\n');
  if (packageJson !== undefined) await writeFile(join(dir, 'package.json'), packageJson);
  return dir;
}

/** Exit 2, exactly one line on stderr, nothing on stdout, and not a byte of the project changed. */
async function expectInputError(args: string[], dir: string, message: string, options: RunOptions = {}): Promise<void> {
  const before = await snapshot(dir);
  const run = await runCli(args, options);
  expect(run.stderr).toBe(`improve: ${message}\n`);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(await snapshot(dir)).toEqual(before);
}

/** A copy of the one-bug project that the CLI, run unprivileged, may read but not write. */
async function readOnlyProject(): Promise<string> {
  const dir = await projectCopy(ONE_BUG);
  await chmod(dir, 0o555);
  return dir;
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
      `no test command for ${dir}: no test script in package.json, and none of vitest, jest, mocha or node --test is set up as its runner (add a test script or give a test command)`,
    );
  });

  it('a folder that is not a Node project', async () => {
    const dir = await project();
    await expectInputError([dir], dir, `no package.json in ${dir}: not a Node project (give a test command to run one anyway)`);
  });

  it('a runner whose results cannot be read', async () => {
    const dir = await project('{ "scripts": { "test": "ava --verbose" } }');
    await expectInputError(
      [dir],
      dir,
      'package.json scripts.test runs `ava --verbose`, none of vitest, jest, mocha or node --test: only their results can be read (give a test command that runs one)',
    );
  });

  it('a --test-command that runs no runner we read', async () => {
    const dir = await projectCopy(ONE_BUG);
    await expectInputError(
      [dir, '--test-command', 'tap test/*.js'],
      dir,
      'the given test command runs `tap test/*.js`, none of vitest, jest, mocha or node --test: only their results can be read (give a test command that runs one)',
    );
  });

  it('a runner that is not installed', async () => {
    const dir = await project('{ "scripts": { "test": "mocha --recursive" } }');
    await expectInputError([dir], dir, `mocha is not installed for ${dir}: install the project's dependencies first (npm install)`);
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

  it('a --report that names a directory, leaving no temporary file behind', async () => {
    const dir = await projectCopy(ONE_BUG);
    const parent = await tempDir();
    await mkdir(join(parent, 'out.json'));
    await expectInputError([dir, '--report', join(parent, 'out.json')], dir, `--report names a directory: ${join(parent, 'out.json')}`);
    expect(await entries(parent)).toEqual(['out.json']);
  });

  it('a --report in a directory that cannot be written', async () => {
    const dir = await projectCopy(ONE_BUG);
    const parent = await tempDir();
    // Readable by the unprivileged user the CLI runs as: the project and the report's directory.
    await chmod(dir, 0o755);
    await chmod(parent, 0o555);
    await expectInputError([dir, '--report', join(parent, 'out.json')], dir, `--report: directory is not writable: ${parent}`, {
      unprivileged: true,
    });
  });

  it.each(['package.json', 'tests/age.test.json'])('a --report that would replace the project file %s', async (file) => {
    const dir = await projectCopy(ONE_BUG);
    const target = join(dir, file);
    if (file !== 'package.json') await writeFile(target, '{ "cases": [17, 18] }\n');
    await expectInputError(
      [dir, '--report', target],
      dir,
      `--report would replace ${target}, which is not a report (name a new file or an earlier report)`,
    );
  });

  it('a read-only project with --write', async () => {
    const dir = await readOnlyProject();
    await expectInputError([dir, '--write'], dir, `project is read-only: ${dir} (write mode writes accepted changes back to it)`, {
      unprivileged: true,
    });
  });

  it('a read-only project in a dry run: the run has nowhere to keep its records', async () => {
    const dir = await readOnlyProject();
    await expectInputError([dir], dir, `project is read-only: ${dir} (a run keeps its records in ${join(dir, '.improve')})`, {
      unprivileged: true,
    });
  });

  it.each([
    [['--dir', '/elsewhere'], '--dir is an option of improve resume only: improve takes the project directory as its argument'],
    [['--test-command', ' '], '--test-command must name a command, got " "'],
    [
      ['--max-iterations', '-1'],
      "Option '--max-iterations' argument is ambiguous. Did you forget to specify the option argument for '--max-iterations'?",
    ],
    [['--bogus'], "Unknown option '--bogus' (see --help)"],
  ])('improve <dir> %j', async (extra, message) => {
    const dir = await projectCopy(ONE_BUG);
    await expectInputError([dir, ...extra], dir, message);
  });

  it.each([
    ['--write', '--write is not an option of improve resume: a resumed run keeps the options it was started with'],
    ['--max-iterations=3', '--max-iterations is not an option of improve resume: a resumed run keeps the options it was started with'],
  ])('improve resume with %s', async (option, message) => {
    const dir = await projectCopy(ONE_BUG);
    await expectInputError(['resume', 'some-run', '--dir', dir, option], dir, message);
  });

  it('resuming with a --dir that is a file', async () => {
    const dir = await projectCopy(ONE_BUG);
    const file = join(dir, 'package.json');
    await expectInputError(['resume', 'some-run', '--dir', file], dir, `not a directory: ${file}`);
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

import { describe, expect, it } from 'vitest';
import { detectTestCommand, testCommandLine } from '../../../src/testing/detect.ts';
import type { TestCaseResult } from '../../../src/testing/report.ts';
import { nodeTestAdapter } from '../../../src/testing/runners/node-test.ts';
import { projectRunner } from '../../../src/testing/runners/project-runner.ts';

const pkg = (fields: Record<string, unknown>) => JSON.stringify({ name: 'p', ...fields });
const OURS = ['--test-reporter=/w/.improve/node-test-reporter.mjs', '--test-reporter-destination=stdout'];
const ours = OURS.join(' ');

/** The command line run for a project whose test script is `test` (other scripts beside it), with our arguments. */
async function lineFor(test: string, others: Record<string, string> = {}): Promise<string> {
  const packageJson = pkg({ scripts: { test, ...others } });
  const command = await detectTestCommand({ packageJson, runnerWithoutScript: async () => projectRunner(packageJson, []) });
  if (command.runner === 'none') throw new Error(`no command: ${command.reason}`);
  expect(command.runner).toBe('node-test');
  return testCommandLine(command, OURS);
}

async function runnerOf(test: string): Promise<string> {
  return (await detectTestCommand({ packageJson: pkg({ scripts: { test } }), runnerWithoutScript: async () => undefined })).runner;
}

describe('node --test scripts as projects write them', () => {
  it('puts our options right after node, before the file patterns Node would otherwise take them for', async () => {
    expect(await lineFor('node --test')).toBe(`node ${ours} --test`);
    expect(await lineFor('node --import tsx --test test/')).toBe(`node ${ours} --import tsx --test test/`);
    expect(await lineFor("node --experimental-strip-types --test 'test/**/*.test.ts'")).toBe(
      `node ${ours} --experimental-strip-types --test 'test/**/*.test.ts'`,
    );
    expect(await lineFor('node --test --test-concurrency=1')).toBe(`node ${ours} --test --test-concurrency=1`);
    expect(await lineFor('/usr/local/bin/node --test')).toBe(`/usr/local/bin/node ${ours} --test`);
  });

  it('finds node behind cross-env, environment assignments, coverage wrappers and script references', async () => {
    expect(await lineFor('cross-env NODE_ENV=test node --test')).toBe(`cross-env NODE_ENV=test node ${ours} --test`);
    expect(await lineFor('c8 --reporter=lcov node --test')).toBe(`c8 --reporter=lcov node ${ours} --test`);
    expect(await lineFor('npm run test:unit', { 'test:unit': 'TZ=UTC node --test test/unit/' })).toBe(
      `TZ=UTC node ${ours} --test test/unit/`,
    );
    expect(await lineFor('tsc -p . && node --test dist/')).toBe(`tsc -p . && node ${ours} --test dist/`);
  });

  it("drops watching, the project's reporters, snapshot updates and coverage, keeps the rest", async () => {
    expect(await lineFor('node --test --watch')).toBe(`node ${ours} --test`);
    expect(await lineFor('node --test --test-reporter dot --test-reporter=junit --test-reporter-destination=out.xml test/')).toBe(
      `node ${ours} --test test/`,
    );
    expect(await lineFor('node --test --test-reporter-destination stdout --test-reporter spec -r ./setup.js')).toBe(
      `node ${ours} --test -r ./setup.js`,
    );
    expect(
      await lineFor(
        'node --experimental-test-coverage --test-coverage-lines=90 --test-coverage-include src/** --test --test-update-snapshots',
      ),
    ).toBe(`node ${ours} --test`);
    expect(await lineFor('node --test --test-only --test-name-pattern "cart total" --test-timeout=5000')).toBe(
      `node ${ours} --test --test-only --test-name-pattern "cart total" --test-timeout=5000`,
    );
  });

  it('leaves node commands that do not run node:test alone', async () => {
    expect(await runnerOf('node test/run.js')).toBe('other');
    expect(await runnerOf('node --test-only test/only.js')).toBe('other');
    // Node's own options end at the first file: a `--test` after it is the script's argument.
    expect(await runnerOf('node scripts/check.js --test')).toBe('other');
    expect(await runnerOf('node --require ./setup.js --test')).toBe('node-test');
    expect(await runnerOf('nodemon --test')).toBe('other');
  });

  it('is never the runner of a project without a test script: nothing declares node:test', () => {
    expect(projectRunner(pkg({}), ['test', 'package.json'])).toBeUndefined();
    expect(projectRunner(pkg({ devDependencies: { '@types/node': '*' } }), [])).toBeUndefined();
  });
});

describe('node --test reporting and reruns', () => {
  it('reports to our reporter on stdout and to spec on stderr, by absolute path', () => {
    expect(nodeTestAdapter.reportArgs('/work/p')).toEqual([
      '--test-reporter=/work/p/.improve/node-test-reporter.mjs',
      '--test-reporter-destination=stdout',
      '--test-reporter=spec',
      '--test-reporter-destination=stderr',
    ]);
    expect(Object.keys(nodeTestAdapter.supportFiles())).toEqual(['.improve/node-test-reporter.mjs']);
    expect(nodeTestAdapter.coverage?.args('/work/p')).toEqual(['--import', '/work/p/.improve/node-test-coverage.mjs']);
  });

  it("matches the named tests by their own names (Node 20) and their full names (Node 24), and their ancestors'", () => {
    const test = (file: string, namePath: string[]): TestCaseResult => ({
      id: [file, ...namePath].join(' > '),
      file,
      namePath,
      status: 'failed',
      durationMs: 1,
    });
    const args = nodeTestAdapter.rerunArgs([
      test('/w/test/cart.test.js', ['cart', 'total', 'sums (with tax) $5+']),
      test('/w/test/cart.test.js', ['top level']),
      test('/w/test/session.test.js', ['session', 'renews the token']),
    ]);
    expect(args).toHaveLength(1);
    const [flag, pattern] = args[0]!.split(/=(.*)/s);
    expect(flag).toBe('--test-name-pattern');
    // Node compiles the pattern as given, case-sensitive.
    const names = new RegExp(pattern!);
    const matching = ['sums (with tax) $5+', 'cart total sums (with tax) $5+', 'top level', 'renews the token', 'session renews the token'];
    // A subtest runs only when its parent test does.
    const ancestors = ['cart', 'cart total', 'total', 'session'];
    expect([...matching, ...ancestors].filter((name) => !names.test(name))).toEqual([]);
    expect(
      ['sums (with tax) $5', 'top level too', 'Top level', 'cart top level', 'sums (with tax) 5+'].filter((name) => names.test(name)),
    ).toEqual([]);
  });
});

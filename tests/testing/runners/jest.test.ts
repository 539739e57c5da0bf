import { describe, expect, it } from 'vitest';
import { detectTestCommand, testCommandLine } from '../../../src/testing/detect.ts';
import type { TestCaseResult } from '../../../src/testing/report.ts';
import { jestAdapter } from '../../../src/testing/runners/jest.ts';
import { projectRunner } from '../../../src/testing/runners/project-runner.ts';

const pkg = (fields: Record<string, unknown>) => JSON.stringify({ name: 'p', ...fields });
const missing = async () => undefined;
const ONCE = '--ci --watchAll=false --coverage=false';

/** The command line run for a project with these package.json fields, with `extra` arguments of ours. */
async function lineFor(fields: Record<string, unknown>, extra: string[] = []): Promise<string> {
  const packageJson = pkg(fields);
  const command = await detectTestCommand({ packageJson, runnerWithoutScript: async () => projectRunner(packageJson, []) });
  if (command.runner === 'none') throw new Error(`no command: ${command.reason}`);
  expect(command.runner).toBe('jest');
  return testCommandLine(command, extra);
}

const script = (test: string, others: Record<string, string> = {}) => lineFor({ scripts: { test, ...others } });

describe('jest scripts as projects write them', () => {
  it('runs bare jest once, without watching, snapshot writes or coverage, with our arguments last', async () => {
    expect(await lineFor({ scripts: { test: 'jest' } }, ['--reporters=default'])).toBe(`jest ${ONCE} --reporters=default`);
  });

  it('drops coverage, which thresholds would turn into a failed run', async () => {
    expect(await script('jest --coverage')).toBe(`jest ${ONCE}`);
    expect(await script('jest --collect-coverage --coverageReporters=text')).toBe(`jest --coverageReporters=text ${ONCE}`);
  });

  it('keeps cross-env, environment assignments and the flags it does not own', async () => {
    expect(await script('cross-env NODE_ENV=test jest --runInBand')).toBe(`cross-env NODE_ENV=test jest --runInBand ${ONCE}`);
    expect(await script('NODE_OPTIONS=--experimental-vm-modules npx jest')).toBe(`NODE_OPTIONS=--experimental-vm-modules npx jest ${ONCE}`);
  });

  it('follows a script reference to a watching jest and runs it once', async () => {
    const scripts = { 'test:unit': 'jest --watch --maxWorkers=2' };
    expect(await script('npm run test:unit', scripts)).toBe(`jest --maxWorkers=2 ${ONCE}`);
    expect(await script('yarn test:unit -- --watchAll src/', scripts)).toBe(`jest --maxWorkers=2 src/ ${ONCE}`);
  });

  it("drops the project's reporters, output, snapshot updates and git-based selection, keeps its test selection", async () => {
    const line =
      'jest --json --outputFile out.json --reporters=default --reporters=jest-junit -u --ci=false -o --changedSince main -t "cart total" tests/unit';
    expect(await script(line)).toBe(`jest -t "cart total" tests/unit ${ONCE}`);
  });

  it('finds jest run by node, through node options that take a value', async () => {
    expect(await script('node --experimental-vm-modules node_modules/jest/bin/jest.js --runInBand')).toBe(
      `node --experimental-vm-modules node_modules/jest/bin/jest.js --runInBand ${ONCE}`,
    );
    expect(await script('node -r dotenv/config ./node_modules/.bin/jest')).toBe(`node -r dotenv/config ./node_modules/.bin/jest ${ONCE}`);
  });

  it('leaves commands that are not a jest test run as they are', async () => {
    const other = async (test: string) =>
      (await detectTestCommand({ packageJson: pkg({ scripts: { test } }), runnerWithoutScript: missing })).runner;
    expect(await other('react-scripts test')).toBe('other');
    expect(await other('jest --listTests')).toBe('other');
    expect(await other('jest --showConfig')).toBe('other');
    expect(await other('node scripts/jest.js')).toBe('other');
    expect(await other('node -r jest')).toBe('other');
  });

  it('runs jest for a project without a test script that configures or declares it', async () => {
    expect(await lineFor({ jest: { testEnvironment: 'node' } })).toBe(`jest ${ONCE}`);
    expect(await lineFor({ devDependencies: { jest: '^30.0.0' } })).toBe(`jest ${ONCE}`);
    for (const config of ['jest.config.js', 'jest.config.ts', 'jest.config.mjs', 'jest.config.json']) {
      expect(projectRunner(pkg({}), ['src', config])).toBe('jest');
    }
    expect(projectRunner(pkg({}), ['jest.setup.js'])).toBeUndefined();
    expect(projectRunner(pkg({ devDependencies: { jest: '*', vitest: '*' } }), [])).toBe('vitest');
  });
});

describe('jest reporting and reruns', () => {
  it('points jest at our reporter by absolute path, whatever the rootDir', () => {
    expect(jestAdapter.reportArgs('/work/p')).toEqual(['--reporters=default', '--reporters=/work/p/.improve/jest-reporter.cjs']);
    expect(Object.keys(jestAdapter.supportFiles())).toEqual(['.improve/jest-reporter.cjs']);
  });

  it('reruns exactly the named tests: full names as one pattern, then their files', () => {
    const test = (file: string, namePath: string[]): TestCaseResult => ({
      id: [file, ...namePath].join(' > '),
      file,
      namePath,
      status: 'failed',
      durationMs: 1,
    });
    const args = jestAdapter.rerunArgs([
      test('tests/cart.test.js', ['cart', 'total', 'sums (with tax) $5+']),
      test('tests/cart.test.js', ['top level']),
      test('tests/a.b.test.js', ['x']),
      test('/w/pkg/tests/c.test.js', ['y']),
    ]);
    expect(args.slice(0, 1)).toEqual(['--testNamePattern']);
    // Jest matches the pattern case-insensitively against `describe titles + title` joined by spaces.
    const names = new RegExp(args[1]!, 'i');
    expect(['cart total sums (with tax) $5+', 'top level', 'x', 'y'].every((name) => names.test(name))).toBe(true);
    expect(['cart total sums (with tax) $5', 'top level too', 'cart top level'].some((name) => names.test(name))).toBe(false);
    const files = args.slice(2).map((pattern) => new RegExp(pattern, 'i'));
    expect(files).toHaveLength(3);
    expect(['/w/tests/cart.test.js', '/w/tests/a.b.test.js', '/w/pkg/tests/c.test.js'].every((path, i) => files[i]!.test(path))).toBe(true);
    const others = ['/w/tests/aXb.test.js', '/w/other-tests/cart.test.js', '/v/w/pkg/tests/c.test.js', '/w/pkg/tests/c.test.jsx'];
    expect(others.some((path) => files.some((f) => f.test(path)))).toBe(false);
  });
});

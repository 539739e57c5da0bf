import { describe, expect, it } from 'vitest';
import { detectTestCommand, testCommandLine } from '../../../src/testing/detect.ts';
import type { TestCaseResult } from '../../../src/testing/report.ts';
import { mochaAdapter } from '../../../src/testing/runners/mocha.ts';
import { MOCHA_REPORTER_SOURCE } from '../../../src/testing/runners/mocha-reporter.ts';
import { projectRunner } from '../../../src/testing/runners/project-runner.ts';

const REPORTER = ['--reporter', '/w/.improve/mocha-reporter.cjs'];
const pkg = (scripts: Record<string, string>, extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'p', scripts, ...extra });
const none = async () => undefined;

/** The command line a package.json's test script becomes, with our reporter added. */
async function runLine(scripts: Record<string, string>): Promise<string> {
  const command = await detectTestCommand({ packageJson: pkg(scripts), runnerWithoutScript: none });
  if (command.runner !== 'mocha') throw new Error(`not run as mocha: ${JSON.stringify(command)}`);
  return testCommandLine(command, REPORTER);
}

const test = (file: string, namePath: string[]): TestCaseResult => ({
  id: [file, ...namePath].join(' > '),
  file,
  namePath,
  status: 'failed',
  durationMs: 1,
});

describe('mocha test scripts', () => {
  it('adds our reporter at the end of the usual shapes, keeping what the project set', async () => {
    const shapes: Array<[string, string]> = [
      ['mocha', 'mocha --reporter /w/.improve/mocha-reporter.cjs'],
      ['mocha --recursive test/', 'mocha --recursive test/ --reporter /w/.improve/mocha-reporter.cjs'],
      ["mocha 'test/**/*.spec.js'", "mocha 'test/**/*.spec.js' --reporter /w/.improve/mocha-reporter.cjs"],
      ['NODE_ENV=test mocha --exit', 'NODE_ENV=test mocha --exit --reporter /w/.improve/mocha-reporter.cjs'],
      [
        'cross-env NODE_ENV=test mocha -r ts-node/register',
        'cross-env NODE_ENV=test mocha -r ts-node/register --reporter /w/.improve/mocha-reporter.cjs',
      ],
      ['nyc mocha --require @babel/register', 'nyc mocha --require @babel/register --reporter /w/.improve/mocha-reporter.cjs'],
      ['nyc --reporter=lcov mocha', 'nyc --reporter=lcov mocha --reporter /w/.improve/mocha-reporter.cjs'],
      // A wrapper's flag may take its value as the next word.
      ['nyc --reporter html --reporter text mocha', 'nyc --reporter html --reporter text mocha --reporter /w/.improve/mocha-reporter.cjs'],
      ['istanbul cover _mocha -- -R spec', 'istanbul cover _mocha -- --reporter /w/.improve/mocha-reporter.cjs'],
      ['_mocha --timeout 10000', '_mocha --timeout 10000 --reporter /w/.improve/mocha-reporter.cjs'],
      ['node_modules/.bin/mocha test', 'node_modules/.bin/mocha test --reporter /w/.improve/mocha-reporter.cjs'],
      ['./node_modules/.bin/_mocha', './node_modules/.bin/_mocha --reporter /w/.improve/mocha-reporter.cjs'],
      ['mocha --extension ts', 'mocha --extension ts --reporter /w/.improve/mocha-reporter.cjs'],
      ['tsc && mocha dist/test', 'tsc && mocha dist/test --reporter /w/.improve/mocha-reporter.cjs'],
    ];
    for (const [script, line] of shapes) expect(await runLine({ test: script })).toBe(line);
  });

  it('finds mocha run by node, with node flags and their values before it', async () => {
    expect(await runLine({ test: 'node --inspect node_modules/.bin/_mocha test' })).toBe(
      'node --inspect node_modules/.bin/_mocha test --reporter /w/.improve/mocha-reporter.cjs',
    );
    expect(await runLine({ test: 'node -r dotenv/config node_modules/mocha/bin/mocha.js' })).toBe(
      'node -r dotenv/config node_modules/mocha/bin/mocha.js --reporter /w/.improve/mocha-reporter.cjs',
    );
    const script = await detectTestCommand({
      packageJson: pkg({ test: 'node scripts/run.js node_modules/.bin/mocha' }),
      runnerWithoutScript: none,
    });
    expect(script.runner).toBe('other');
  });

  it('follows npm scripts to mocha, passing arguments after --', async () => {
    expect(await runLine({ test: 'npm run test:unit -- --exit', 'test:unit': 'mocha --recursive' })).toBe(
      'mocha --recursive --exit --reporter /w/.improve/mocha-reporter.cjs',
    );
  });

  it("drops the project's reporter, its options, watching, bailing out and parallel mode", async () => {
    const script =
      'mocha --reporter dot -R spec --reporter=json --reporter-options output=x.json -O a=b --reporter-option c=d ' +
      '--watch -w --watch-files src,test --watch-ignore node_modules --parallel -p --jobs 4 -j=2 --bail -b --grep api test/';
    expect(await runLine({ test: script })).toBe('mocha --grep api test/ --reporter /w/.improve/mocha-reporter.cjs');
  });

  it('does not take help, version, init or a dry run for a test run', async () => {
    for (const script of [
      'mocha --help',
      'mocha -h',
      'mocha --version',
      'mocha -V',
      'mocha init test',
      'mocha --dry-run',
      'mocha --list-reporters',
    ]) {
      const command = await detectTestCommand({ packageJson: pkg({ test: script }), runnerWithoutScript: none });
      expect(command, script).toMatchObject({ runner: 'other', command: script });
    }
  });

  it('is the runner of a project without a test script that declares or configures mocha', () => {
    expect(projectRunner(JSON.stringify({ devDependencies: { mocha: '^10.0.0', chai: '^4.0.0' } }), [])).toBe('mocha');
    expect(projectRunner(JSON.stringify({ mocha: { spec: 'test/**/*.js' } }), [])).toBe('mocha');
    for (const file of ['.mocharc.yml', '.mocharc.yaml', '.mocharc.json', '.mocharc.jsonc', '.mocharc.js', '.mocharc.cjs']) {
      expect(projectRunner(JSON.stringify({ name: 'p' }), [file]), file).toBe('mocha');
    }
    expect(projectRunner(JSON.stringify({ name: 'p' }), ['mocharc.yml', '.mocharc.toml'])).toBeUndefined();
    // Both declared: jest comes first.
    expect(projectRunner(JSON.stringify({ devDependencies: { mocha: '*', jest: '*' } }), [])).toBe('jest');
  });

  it('runs `mocha` when the project has no test script', async () => {
    const command = await detectTestCommand({ packageJson: pkg({ build: 'tsc' }), runnerWithoutScript: async () => 'mocha' });
    expect(command.runner === 'mocha' && testCommandLine(command, REPORTER)).toBe('mocha --reporter /w/.improve/mocha-reporter.cjs');
  });
});

describe('mocha reruns', () => {
  it('names their files and their full titles as one anchored, escaped grep', () => {
    const args = mochaAdapter.rerunArgs([
      test('test/a.spec.js', ['cart', 'totals (with tax) $']),
      test('test/b.spec.js', ['top-level test']),
      test('test/a.spec.js', ['cart', 'nested', 'rounds 1.5 up?']),
    ]);
    expect(args).toEqual([
      'test/a.spec.js',
      'test/b.spec.js',
      '--grep',
      '^(?:cart totals \\(with tax\\) \\$|top-level test|cart nested rounds 1\\.5 up\\?)$',
    ]);
    const grep = new RegExp(args[3]!);
    expect(grep.test('cart totals (with tax) $')).toBe(true);
    expect(grep.test('cart totals (with tax) $ and more')).toBe(false);
    expect(grep.test('cart nested rounds 1x5 up')).toBe(false);
  });

  it("greps a title we numbered, `x (2)`, as mocha's own `x` too", () => {
    const args = mochaAdapter.rerunArgs([test('test/a.spec.js', ['cart', 'labels (2)'])]);
    expect(args.at(-1)).toBe('^(?:cart labels \\(2\\)|cart labels)$');
  });
});

describe('mocha support files', () => {
  it('are CommonJS in the syntax of the old Nodes old mochas run on', () => {
    const coverage = Object.values(mochaAdapter.coverage?.supportFiles() ?? {});
    expect(coverage).toHaveLength(1);
    for (const source of [MOCHA_REPORTER_SOURCE, ...coverage]) {
      const code = source.replace(/\/\/.*$/gm, '');
      expect(code).not.toMatch(/=>|\b(const|let|class|async|await)\s|\?\.|`|\.\.\.|\bimport\b/);
      expect(code).toMatch(/module\.exports =|exports\.mochaHooks =/);
    }
  });
});

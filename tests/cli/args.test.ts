import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError, usage } from '../../src/cli/args.ts';
import { EXIT } from '../../src/cli/exit.ts';
import { errorCategory } from '../../src/contract/errors.ts';
import { IMPROVE_DEFAULTS } from '../../src/contract/options.ts';

describe('parseCliArgs', () => {
  it('leaves what the user did not give to the run defaults', () => {
    expect(parseCliArgs(['examples/buggy'])).toEqual({
      command: 'improve',
      dir: 'examples/buggy',
      approve: false,
      write: false,
      pr: false,
      json: false,
    });
  });

  it('takes any suggester name (the run checks it against the registry)', () => {
    expect(parseCliArgs(['proj', '--suggester', 'my-own'])).toMatchObject({ suggester: 'my-own' });
  });

  it('reads every flag', () => {
    const args = parseCliArgs([
      'proj',
      '--max-iterations',
      '9',
      '--patience',
      '3',
      '--sandbox',
      'local',
      '--suggester',
      'repair',
      '--approve',
      '--write',
      '--report',
      'out.json',
      '--test-command',
      'npx vitest run',
      '--project',
      'packages/api',
      '--time-budget',
      '60',
      '--pr',
      '--pr-min-priority',
      'medium',
      '--remote',
      'upstream',
      '--no-ci',
      '--json',
    ]);
    expect(args).toMatchObject({
      command: 'improve',
      dir: 'proj',
      maxIterations: 9,
      patience: 3,
      sandbox: 'local',
      suggester: 'repair',
      approve: true,
      write: true,
      report: 'out.json',
      testCommand: 'npx vitest run',
      project: 'packages/api',
      timeBudgetSeconds: 60,
      pr: true,
      prMinPriority: 'medium',
      remote: 'upstream',
      ci: false,
      json: true,
    });
  });

  it('parses resume with its run id, and only the options a resumed run can use', () => {
    expect(parseCliArgs(['resume', 'run-123', '--dir', 'proj', '--json', '--report', 'r.json'])).toEqual({
      command: 'resume',
      runId: 'run-123',
      dir: 'proj',
      json: true,
      report: 'r.json',
    });
  });

  it.each([
    [[], /missing project directory/],
    [['a', 'b'], /expected one project directory/],
    [['a', '--max-iterations', '0'], /--max-iterations must be a whole number >= 1/],
    [['a', '--patience', 'x'], /--patience must be a whole number/],
    [['a', '--sandbox', 'docker'], /--sandbox must be one of auto, local, e2b/],
    [['a', '--report', 'out.txt'], /--report must name a .json file/],
    [['a', '--bogus'], /^Unknown option '--bogus' \(see --help\)$/],
    [['a', '--report', '--json'], /^Option '--report' argument is ambiguous\. Did you forget/],
    [['a', '--test-command', ''], /--test-command must name a command/],
    [['a', '--dir', 'b'], /^--dir is an option of improve resume only/],
    [['resume'], /resume takes exactly one run id/],
    [['resume', ''], /resume takes exactly one run id/],
  ])('rejects %j with a one-line usage error', (argv, message) => {
    let error: unknown;
    try {
      parseCliArgs(argv as string[]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(errorCategory(error)).toBe('input');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('an option of one command given to the other', () => {
  it.each([
    '--approve',
    '--write',
    '--sandbox=local',
    '--suggester=repair',
    '--patience=2',
    '--time-budget=9',
    '--test-command=vitest',
    '--project=a',
  ])('resume refuses %s: a resumed run keeps the options it was started with', (option) => {
    expect(() => parseCliArgs(['resume', 'r', option])).toThrow(`${option.split('=')[0]} is not an option of improve resume`);
  });
});

describe('usage', () => {
  it('shows the run defaults and the suggesters it is given, and every exit status', () => {
    const text = usage(['repair', 'mine']);
    expect(text).toContain(`most improvement cycles (default ${IMPROVE_DEFAULTS.maxIterations})`);
    expect(text).toContain(`without progress (default ${IMPROVE_DEFAULTS.patience})`);
    expect(text).toContain(`(default ${IMPROVE_DEFAULTS.timeBudgetSeconds})`);
    expect(text).toContain('--suggester NAME        auto | repair | mine');
    expect(text).toMatch(
      /^ {2}0 {4}green: the suite passes.*\n {2}1 {4}not green: tests still fail.*\n {2}2 {4}a usage or input error.*\n {2}3 {4}the run waits for approval.*\n {2}4 {4}the run failed.*\n {2}5 {4}the run finished but its pull request.*\n {2}130 {2}interrupted \(SIGINT.*\n {2}143 {2}terminated \(SIGTERM/m,
    );
  });
});

describe("the README's CLI section", () => {
  const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The CLI'), readme.indexOf('### The report'));

  it('documents every exit status', () => {
    const documented = [...section.matchAll(/^\| (\d+) +\|/gm)].map((m) => Number(m[1]));
    expect(documented).toEqual(Object.values(EXIT));
  });

  it('states the run defaults', () => {
    const d = IMPROVE_DEFAULTS;
    expect(section).toContain(`${d.maxIterations} iterations, patience ${d.patience}, a ${d.timeBudgetSeconds}-second time budget`);
  });
});

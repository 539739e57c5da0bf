import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from '../../src/cli/args.ts';

describe('parseCliArgs', () => {
  it('fills defaults for a bare directory', () => {
    expect(parseCliArgs(['examples/buggy'])).toEqual({
      command: 'improve',
      dir: 'examples/buggy',
      maxIterations: 5,
      patience: 2,
      sandbox: 'auto',
      suggester: 'auto',
      approve: false,
      write: false,
      json: false,
    });
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
      '--time-budget',
      '60',
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
      timeBudgetSeconds: 60,
      json: true,
    });
  });

  it('parses resume with its run id', () => {
    expect(parseCliArgs(['resume', 'run-123', '--dir', 'proj'])).toMatchObject({ command: 'resume', runId: 'run-123', dir: 'proj' });
  });

  it.each([
    [[], /missing project directory/],
    [['a', 'b'], /expected one project directory/],
    [['a', '--max-iterations', '0'], /--max-iterations must be a whole number >= 1/],
    [['a', '--patience', 'x'], /--patience must be a whole number/],
    [['a', '--sandbox', 'docker'], /--sandbox must be one of auto, local, e2b/],
    [['a', '--suggester', 'gpt'], /--suggester must be one of/],
    [['a', '--report', 'out.txt'], /--report must name a .json file/],
    [['a', '--bogus'], /Unknown option '--bogus'/],
    [['resume'], /resume takes exactly one run id/],
  ])('rejects %j with a one-line usage error', (argv, message) => {
    let error: unknown;
    try {
      parseCliArgs(argv as string[]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

import { describe, expect, it } from 'vitest';
import { detectTestCommand, type TestCommand, testCommandLine } from '../../src/testing/detect.ts';

const pkg = (scripts: Record<string, string>) => JSON.stringify({ name: 'p', scripts });
const installed = async () => 'vitest' as const;
const missing = async () => undefined;

async function lineFor(input: Parameters<typeof detectTestCommand>[0], extra: string[] = []): Promise<string> {
  const command = await detectTestCommand(input);
  if (command.runner === 'none') throw new Error(`no command: ${command.reason}`);
  return testCommandLine(command, extra);
}

describe('detectTestCommand', () => {
  it('runs a vitest test script once, with the runner config loader, and appends our flags', async () => {
    const line = await lineFor({ packageJson: pkg({ test: 'vitest run' }), runnerWithoutScript: missing }, ['--reporter=json']);
    expect(line).toBe('vitest run --configLoader=runner --reporter=json');
  });

  it('turns watch mode and a bare `vitest` into a single run', async () => {
    expect(await lineFor({ packageJson: pkg({ test: 'vitest' }), runnerWithoutScript: missing })).toBe('vitest run --configLoader=runner');
    expect(await lineFor({ packageJson: pkg({ test: 'vitest watch --coverage' }), runnerWithoutScript: missing })).toBe(
      'vitest run --configLoader=runner --coverage',
    );
  });

  it("drops the project's own reporter and output flags, keeps its other flags", async () => {
    const script = 'vitest run --reporter verbose --outputFile=out.json --reporter=dot --pool threads --configLoader native';
    expect(await lineFor({ packageJson: pkg({ test: script }), runnerWithoutScript: missing })).toBe(
      'vitest run --pool threads --configLoader native',
    );
  });

  it('keeps environment assignments, npx and the rest of a compound script', async () => {
    const script = 'tsc --noEmit && NODE_OPTIONS="--max-old-space-size=4096" npx vitest --run tests/unit; echo done';
    expect(await lineFor({ packageJson: pkg({ test: script }), runnerWithoutScript: missing }, ['--reporter=json'])).toBe(
      'tsc --noEmit && NODE_OPTIONS="--max-old-space-size=4096" npx vitest run --configLoader=runner tests/unit --reporter=json ; echo done',
    );
  });

  it('follows npm, pnpm and yarn script references, passing arguments after --', async () => {
    const scripts = { test: 'npm run test:unit -- --bail=1', 'test:unit': 'yarn unit', unit: 'vitest run' };
    expect(await lineFor({ packageJson: pkg(scripts), runnerWithoutScript: missing })).toBe('vitest run --configLoader=runner --bail=1');
  });

  it('stops following scripts that refer to each other in a loop', async () => {
    const command = await detectTestCommand({ packageJson: pkg({ test: 'npm test' }), runnerWithoutScript: missing });
    expect(command).toMatchObject({ runner: 'other', command: 'npm test' });
  });

  it('runs commands that invoke no runner we read as written', async () => {
    const command = await detectTestCommand({ packageJson: pkg({ test: 'ava --verbose' }), runnerWithoutScript: installed });
    expect(command).toEqual({ runner: 'other', command: 'ava --verbose', source: 'package.json scripts.test' });
  });

  it('does not take vitest bench or list for a test run', async () => {
    const command = await detectTestCommand({ packageJson: pkg({ test: 'vitest bench' }), runnerWithoutScript: installed });
    expect(command.runner).toBe('other');
  });

  it('falls back to vitest when there is no test script and vitest is installed', async () => {
    let asked = 0;
    const check = async () => {
      asked++;
      return 'vitest' as const;
    };
    expect(await lineFor({ packageJson: pkg({ build: 'tsc' }), runnerWithoutScript: check })).toBe('vitest run --configLoader=runner');
    expect(asked).toBe(1);
  });

  it('only asks whether vitest is installed when it has to', async () => {
    const check = async (): Promise<undefined> => {
      throw new Error('should not be asked');
    };
    await expect(detectTestCommand({ packageJson: pkg({ test: 'vitest' }), runnerWithoutScript: check })).resolves.toMatchObject({
      runner: 'vitest',
    });
  });

  it('says why there is nothing to run', async () => {
    const none = (c: TestCommand) => (c.runner === 'none' ? c.reason : undefined);
    expect(none(await detectTestCommand({ packageJson: pkg({}), runnerWithoutScript: missing }))).toMatch(/no test script/);
    expect(none(await detectTestCommand({ runnerWithoutScript: missing }))).toMatch(/no test script/);
    expect(none(await detectTestCommand({ packageJson: '{ not json', runnerWithoutScript: installed }))).toMatch(/not valid JSON/);
  });

  it('lets a given command win over package.json, still adding flags to vitest', async () => {
    const input = { packageJson: pkg({ test: 'jest' }), override: 'vitest run tests/a.test.ts', runnerWithoutScript: missing };
    const command = await detectTestCommand(input);
    expect(command).toMatchObject({ runner: 'vitest', source: 'the given test command' });
    expect(await lineFor(input, ['-t', 'a b'])).toBe("vitest run --configLoader=runner tests/a.test.ts -t 'a b'");
  });

  it('quotes added arguments so the shell passes them through unchanged', async () => {
    const line = await lineFor({ packageJson: pkg({ test: 'vitest' }), runnerWithoutScript: missing }, ["^(?:it's > a|b)$"]);
    expect(line).toBe(`vitest run --configLoader=runner '^(?:it'\\''s > a|b)$'`);
  });
});

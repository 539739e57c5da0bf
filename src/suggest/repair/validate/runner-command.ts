import { SandboxFileNotFoundError } from '../../../sandbox/errors.ts';
import type { Sandbox } from '../../../sandbox/types.ts';
import { detectTestCommand } from '../../../testing/detect.ts';
import { runnerAdapter } from '../../../testing/runners/registry.ts';
import { commandName, type RunnerName } from '../../../testing/runners/runner.ts';

/** The project's test command as a warm worker takes it over: what the runner's CLI would be given. */
export interface RunnerCommand {
  /** The runner's arguments, after its own word (ours for reporting already left out). */
  args: string[];
  /** Node's flags, when the command runs the runner's script with node (`node -r x node_modules/.bin/_mocha`). */
  nodeArgs: string[];
  /** The variables the command sets (`NODE_ENV=test mocha`, `cross-env TZ=UTC jest`). */
  env: Record<string, string>;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;

/**
 * Reads the command the project's tests run with (the user's, else package.json's, as runTests
 * detects it) into the runner's arguments, node's flags and the environment it sets. Throws when
 * the command does not run `runner`.
 */
export async function runnerCommand(sandbox: Sandbox, runner: RunnerName, testCommand?: string): Promise<RunnerCommand> {
  const packageJson = await sandbox.readFile('package.json').catch((error: unknown) => {
    if (error instanceof SandboxFileNotFoundError) return undefined;
    throw error;
  });
  return runnerCommandOf(packageJson, runner, testCommand);
}

/** runnerCommand, given package.json's text (undefined: none). */
export async function runnerCommandOf(packageJson: string | undefined, runner: RunnerName, testCommand?: string): Promise<RunnerCommand> {
  const command = await detectTestCommand({
    ...(packageJson !== undefined ? { packageJson } : {}),
    ...(testCommand !== undefined ? { override: testCommand } : {}),
    // No test script: the report's runner ran with its default command.
    runnerWithoutScript: async () => runner,
  });
  const adapter = runnerAdapter(runner);
  if (command.runner !== runner) throw new Error(`the test command does not run ${adapter.label}`);
  const words = command.segments[command.at.segment]!.words.map((word) => word.value);
  const at = command.at.word;
  // `node [flags] <script>` invokes the runner too: its own word is the first that `node <word>`
  // would run the runner from.
  const own = commandName(words[at]) === 'node' ? words.findIndex((word, i) => i > at && adapter.invokedAt(['node', word], 0)) : at;
  if (own < 0) throw new Error(`no ${adapter.label} script in the test command`);
  const env: Record<string, string> = {};
  for (const word of words.slice(0, at)) {
    const assignment = ASSIGNMENT.exec(word);
    if (assignment) env[assignment[1]!] = assignment[2]!;
  }
  return { args: words.slice(own + 1), nodeArgs: own > at ? words.slice(at + 1, own) : [], env };
}

import { readFileSync } from 'node:fs';
import { ImproveOptionsError, ImproveRunStateError } from '../contract/errors.ts';
import { SandboxError } from '../sandbox/errors.ts';
import { parseCliArgs, USAGE, UsageError } from './args.ts';
import { EXIT } from './exit.ts';
import { existingDir } from './project-dir.ts';

/** Runs the CLI; returns the exit status. Expected failures print one line, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    switch (args.command) {
      case 'help':
        console.log(USAGE);
        return EXIT.green;
      case 'version':
        console.log(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
        return EXIT.green;
      case 'improve': {
        const projectDir = existingDir(args.dir);
        return await (await import('./commands.ts')).improve(args, projectDir);
      }
      case 'resume': {
        const projectDir = existingDir(args.dir);
        return await (await import('./commands.ts')).resumeRun(args, projectDir);
      }
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ImproveOptionsError ||
      error instanceof ImproveRunStateError ||
      error instanceof SandboxError
    ) {
      console.error(`improve: ${error.message}`);
      return EXIT.usage;
    }
    console.error(`improve: unexpected error: ${(error as Error).message ?? String(error)}`);
    return EXIT.failing;
  }
}

process.exitCode = await main(process.argv.slice(2));

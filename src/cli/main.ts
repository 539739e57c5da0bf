import { resolve } from 'node:path';
import { registeredSuggesters } from '../api/input.ts';
import { errorCategory } from '../contract/errors.ts';
import { parseCliArgs, usage } from './args.ts';
import { EXIT, exitFor } from './exit.ts';
import { ciMode, escapeData, writeOutputs } from './github-actions.ts';
import { packageVersion } from './package-version.ts';

/** Runs the CLI; returns the exit status. Every failure prints one line, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    switch (args.command) {
      case 'help':
        console.log(usage(registeredSuggesters()));
        return EXIT.green;
      case 'version':
        console.log(packageVersion());
        return EXIT.green;
      // The commands load Mastra: only once the arguments are known to be good.
      case 'improve':
        return await (await import('./commands.ts')).improve(args, resolve(args.dir));
      case 'resume':
        return await (await import('./commands.ts')).resumeRun(args, resolve(args.dir));
      case 'history':
        return await (await import('./history-commands.ts')).history(args, resolve(args.dir));
      case 'runs':
        return await (await import('./history-commands.ts')).runs(args, resolve(args.dir));
      case 'report':
        return await (await import('./history-commands.ts')).report(args, resolve(args.dir));
    }
  } catch (error) {
    const category = errorCategory(error);
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    console.error(`improve: ${category === 'input' ? '' : 'unexpected error: '}${message}`);
    await tellPipeline(argv, message);
    return exitFor(category);
  }
}

process.exitCode = await main(process.argv.slice(2));

/** In CI mode a run that could not start says so where a pipeline looks: an annotation and `status=failed`. */
async function tellPipeline(argv: readonly string[], message: string): Promise<void> {
  const flag = argv.includes('--no-ci') ? false : argv.includes('--ci') ? true : undefined;
  if (!ciMode(flag, process.env)) return;
  console.log(`::error title=recursive-improve::${escapeData(message)}`);
  if (process.env.GITHUB_OUTPUT) await writeOutputs(process.env.GITHUB_OUTPUT, { status: 'failed', 'pr-url': '', report: '' });
}

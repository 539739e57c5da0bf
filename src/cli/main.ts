import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createSandbox } from '../sandbox/create.ts';
import { SandboxError } from '../sandbox/errors.ts';
import { formatReport } from '../testing/format.ts';
import { isGreen } from '../testing/report.ts';
import { runTests } from '../testing/run.ts';
import { type CliArgs, parseCliArgs, USAGE, UsageError } from './args.ts';

export const EXIT = { green: 0, failing: 1, usage: 2 } as const;

function projectDir(dir: string): string {
  const abs = resolve(dir);
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    throw new UsageError(`project directory not found: ${dir}`);
  }
  if (!isDir) throw new UsageError(`not a directory: ${dir}`);
  return abs;
}

async function improve(args: Extract<CliArgs, { command: 'improve' }>): Promise<number> {
  const sandbox = await createSandbox({ kind: args.sandbox, projectDir: projectDir(args.dir) });
  try {
    const report = await runTests(sandbox, { ...(args.testCommand && { testCommand: args.testCommand }) });
    console.log(args.json ? JSON.stringify(report) : formatReport(report));
    return isGreen(report) ? EXIT.green : EXIT.failing;
  } finally {
    await sandbox.destroy();
  }
}

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
      case 'improve':
        return await improve(args);
      case 'resume':
        throw new UsageError('resume is not available yet');
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof SandboxError) {
      console.error(`improve: ${error.message}`);
      return EXIT.usage;
    }
    console.error(`improve: unexpected error: ${(error as Error).message ?? String(error)}`);
    return EXIT.failing;
  }
}

process.exitCode = await main(process.argv.slice(2));

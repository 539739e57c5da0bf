// The process the jest validator worker (jest-worker.ts) runs the tests in: it loads the project's
// jest once and calls its runCLI for every run, in band, so that jest's own start (its modules,
// the project's transformers, the config and the haste map from jest's cache) is paid once. Jest
// gives every test file a module registry of its own, read from disk: a run sees the candidate's
// files with nothing to empty. Copied into the sandbox as plain JavaScript like the worker
// (install.ts): Node built-ins and the project's jest only.
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LoadedRunner, serveTestProcess } from './test-process.ts';

/** What the worker gives the process at its start (as its one argument, JSON). */
export interface JestSetup {
  /** jest's arguments in the project's test command. */
  args: string[];
  /** Absolute paths: our jest reporter, and the results file it writes. */
  reporter: string;
  results: string;
}

type Argv = Record<string, unknown>;
interface Jest {
  buildArgv?: (args: string[]) => Argv | Promise<Argv>;
  runCLI: (argv: Argv, projects: string[]) => Promise<unknown>;
}

const setup = JSON.parse(process.argv[2] ?? '{}') as JestSetup;
const root = process.cwd();
const here = fileURLToPath(import.meta.url);
// Installed beside this script, with the same extension.
const progressReporter = path.join(path.dirname(here), `jest-progress-reporter${path.extname(here)}`);
const projectRequire = createRequire(path.join(root, 'package.json'));

/** Once, in band, with nothing written into the project and only our reporters. */
const RUN_ONCE: Argv = { watch: false, watchAll: false, ci: true, coverage: false, collectCoverage: false, runInBand: true };

async function loadJest(): Promise<LoadedRunner> {
  const jest = projectRequire('jest') as Jest;
  if (typeof jest.buildArgv !== 'function') throw new Error("the project's jest has no buildArgv (jest 28 or later is kept warm)");
  // The command's arguments as jest's CLI parses them.
  const argv = { ...(await jest.buildArgv(setup.args)), ...RUN_ONCE };
  // The test files, as `jest --listTests --json --outputFile` lists them.
  const listed = path.join(path.dirname(setup.results), 'jest-test-files.json');
  await jest.runCLI({ ...argv, listTests: true, json: true, outputFile: listed }, [root]);
  const testFiles = JSON.parse(await readFile(listed, 'utf8')) as string[];
  await rm(listed, { force: true });
  return {
    testFiles,
    async run(specs) {
      await jest.runCLI({ ...argv, _: specs, runTestsByPath: true, reporters: [setup.reporter, progressReporter], silent: true }, [root]);
    },
  };
}

void serveTestProcess(setup.results, loadJest);

// The jest validator worker (see process-worker.ts): runs the tests in a process of
// jest-test-process.ts, in band, with the project's test command's arguments and Node flags.
// Copied into the sandbox as plain JavaScript (install.ts): Node built-ins and the scripts
// installed beside it only.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JestSetup } from './jest-test-process.ts';
import { readConfig, runProcessWorker, type TestProcessPlan } from './process-worker.ts';

const config = readConfig();
const root = process.cwd();
const here = fileURLToPath(import.meta.url);

function jestPlan(): TestProcessPlan {
  if (!config.reporter) throw new Error('no reporter to run jest with');
  const setup: JestSetup = {
    args: config.command?.args ?? [],
    reporter: path.join(root, config.reporter.file),
    results: path.join(root, config.reporter.results),
  };
  return {
    script: path.join(path.dirname(here), `jest-test-process${path.extname(here)}`),
    setup,
    nodeArgs: config.command?.nodeArgs ?? [],
  };
}

void runProcessWorker(config, jestPlan);

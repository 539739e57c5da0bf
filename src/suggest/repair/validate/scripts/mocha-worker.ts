// The mocha validator worker (see process-worker.ts): reads mocha's options as its CLI would, and
// runs the tests in a process of mocha-test-process.ts with the Node flags the CLI would give node.
// Copied into the sandbox as plain JavaScript (install.ts): Node built-ins, the project's mocha and
// the scripts installed beside it only.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MochaSetup } from './mocha-test-process.ts';
import { readConfig, runProcessWorker, type TestProcessPlan } from './process-worker.ts';

/** Options that would make mocha run something other than one serial run in this process. */
const DROPPED_OPTIONS = ['parallel', 'jobs', 'j', 'watch', 'w', 'node-option', 'n'];

const config = readConfig();
const root = process.cwd();
const here = fileURLToPath(import.meta.url);
const projectRequire = createRequire(path.join(root, 'package.json'));

const camelCase = (key: string): string => key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * Mocha's options as its CLI reads them (mocha 6 on): the project's command's arguments over
 * `.mocharc.*`, package.json's `mocha` key and mocha's defaults, keyed dashed and camelCase as the
 * CLI gives them to `new Mocha()`; Node's flags among them go to the process the tests run in.
 */
function mochaPlan(): TestProcessPlan {
  if (!config.reporter) throw new Error('no reporter to run mocha with');
  const cli = (module: string) => {
    try {
      return projectRequire(`mocha/lib/cli/${module}`);
    } catch {
      throw new Error(`the project's mocha has no lib/cli/${module} (mocha 6 or later is kept warm)`);
    }
  };
  const { loadOptions } = cli('options') as { loadOptions: (argv: string[]) => Record<string, unknown> };
  const { isNodeFlag, unparseNodeFlags } = cli('node-flags') as {
    isNodeFlag: (flag: string) => boolean;
    unparseNodeFlags: (flags: object) => string[];
  };
  const options: Record<string, unknown> = {};
  const nodeFlags: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(loadOptions(config.command?.args ?? []))) {
    if (key !== '_' && isNodeFlag(key)) nodeFlags[key] = value;
    else options[key] = options[camelCase(key)] = value;
  }
  const nodeOptions = ([] as string[]).concat((options['node-option'] as string[] | undefined) ?? []).map((flag) => `--${flag}`);
  for (const key of DROPPED_OPTIONS) delete options[key];
  const setup: MochaSetup = {
    options,
    reporter: path.join(root, config.reporter.file),
    results: path.join(root, config.reporter.results),
  };
  return {
    script: path.join(path.dirname(here), `mocha-test-process${path.extname(here)}`),
    setup,
    nodeArgs: [...(config.command?.nodeArgs ?? []), ...nodeOptions, ...unparseNodeFlags(nodeFlags)],
  };
}

void runProcessWorker(config, mochaPlan);

// `npm run bench [-- suite...] [options]`: runs the named benchmark suites (default: sandbox, loop
// and stream). Each suite prints its own table and writes bench/results/<suite>.json.
const SUITES: Record<string, () => Promise<{ run: (args: string[]) => Promise<void> }>> = {
  sandbox: async () => ({ run: (await import('./sandbox.ts')).runSandboxBench }),
  loop: async () => ({ run: (await import('./loop.ts')).runLoopBench }),
  repair: async () => ({ run: (await import('./repair.ts')).runRepairBench }),
  stream: async () => ({ run: (await import('./stream.ts')).runStreamBench }),
  reliability: async () => ({ run: (await import('./reliability.ts')).runReliabilityBench }),
  learning: async () => ({ run: (await import('./learning.ts')).runLearningBench }),
  runners: async () => ({ run: (await import('./runners/bench.ts')).runRunnersBench }),
};
const DEFAULT_SUITES = ['sandbox', 'loop', 'stream'];

const argv = process.argv.slice(2);
// A word right after an option is that option's value (`--only containment`), unless it names a suite.
const isOptionValue = (arg: string, index: number): boolean => !(arg in SUITES) && (argv[index - 1]?.startsWith('--') ?? false);
const named = argv.filter((arg) => !arg.startsWith('-') && arg in SUITES);
const suites = argv.some((arg, index) => arg === 'all' && !isOptionValue(arg, index))
  ? Object.keys(SUITES)
  : named.length > 0
    ? named
    : DEFAULT_SUITES;
const unknown = argv.filter(
  (arg, index) => !arg.startsWith('-') && !(arg in SUITES) && arg !== 'all' && !/^\d+$/.test(arg) && !isOptionValue(arg, index),
);
if (unknown.length > 0) {
  console.error(`bench: unknown suite ${unknown.join(', ')}; choose from ${Object.keys(SUITES).join(', ')}, all`);
  process.exit(2);
}
for (const suite of suites) {
  console.log(`\n== bench: ${suite}`);
  const { run } = await SUITES[suite]!();
  await run(argv.filter((arg) => arg !== suite));
}

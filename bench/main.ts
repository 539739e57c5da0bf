// `npm run bench [-- suite...]`: runs the named benchmark suites (default: sandbox, loop and stream).
// Each suite prints its own table and writes bench/results/<suite>.json.
const SUITES: Record<string, () => Promise<{ run: (args: string[]) => Promise<void> }>> = {
  sandbox: async () => ({ run: (await import('./sandbox.ts')).runSandboxBench }),
  loop: async () => ({ run: (await import('./loop.ts')).runLoopBench }),
  repair: async () => ({ run: (await import('./repair.ts')).runRepairBench }),
  stream: async () => ({ run: (await import('./stream.ts')).runStreamBench }),
};
const DEFAULT_SUITES = ['sandbox', 'loop', 'stream'];

const argv = process.argv.slice(2);
const named = argv.filter((arg) => !arg.startsWith('-') && arg in SUITES);
const suites = argv.includes('all') ? Object.keys(SUITES) : named.length > 0 ? named : DEFAULT_SUITES;
const unknown = argv.filter((arg) => !arg.startsWith('-') && !(arg in SUITES) && arg !== 'all' && !/^\d+$/.test(arg));
if (unknown.length > 0) {
  console.error(`bench: unknown suite ${unknown.join(', ')}; choose from ${Object.keys(SUITES).join(', ')}, all`);
  process.exit(2);
}
for (const suite of suites) {
  console.log(`\n== bench: ${suite}`);
  const { run } = await SUITES[suite]!();
  await run(argv.filter((arg) => arg !== suite));
}

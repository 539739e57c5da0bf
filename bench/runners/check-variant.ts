// Whether a program's variant for a runner behaves like the vitest original: the visible suite and
// the held-out tests, on the buggy code and with bug.json's fix, give the same tests with the same
// outcomes (as each runner reports them itself, see direct-run.ts).
import { createLocalSandbox } from '../../src/sandbox/local.ts';
import type { CorpusProgram } from '../lib/corpus.ts';
import { type Outcome, type RunOutcomes, runDirect } from './direct-run.ts';
import { UnsupportedTestApi } from './re-express.ts';
import type { BenchRunner, Suite } from './variants.ts';

type Code = 'buggy' | 'fixed';
export type VariantRuns = Record<`${Code} ${Suite}`, RunOutcomes>;

/** The four runs of a program under `runner`, or why the runner cannot run it. */
export async function runVariant(runner: BenchRunner, program: CorpusProgram): Promise<VariantRuns | { unsupported: string }> {
  let staged: Awaited<ReturnType<BenchRunner['stage']>>;
  try {
    staged = await runner.stage(program, { withHeldout: true });
  } catch (error) {
    if (error instanceof UnsupportedTestApi) return { unsupported: error.message };
    throw error;
  }
  try {
    const sandbox = await createLocalSandbox({ projectDir: staged.dir });
    try {
      const run = (suite: Suite) => runDirect(sandbox, runner, program, suite);
      const buggyTests = await run('tests');
      const buggyHeldout = await run('heldout');
      const { file, fix } = program.bug;
      await sandbox.writeFile(
        file,
        (await sandbox.readFile(file)).replace(fix.search, () => fix.replace),
      );
      return {
        'buggy tests': buggyTests,
        'buggy heldout': buggyHeldout,
        'fixed tests': await run('tests'),
        'fixed heldout': await run('heldout'),
      };
    } finally {
      await sandbox.destroy();
    }
  } finally {
    await staged.remove();
  }
}

/** Where `variant` departs from `reference`, one line each; none when they agree. */
export function differences(reference: VariantRuns, variant: VariantRuns): string[] {
  const found: string[] = [];
  for (const key of Object.keys(reference) as (keyof VariantRuns)[]) {
    const want = reference[key];
    const got = variant[key];
    const names = new Set([...Object.keys(want.tests), ...Object.keys(got.tests)]);
    for (const name of [...names].sort()) {
      const [expected, actual] = [want.tests[name], got.tests[name]];
      if (expected !== actual) found.push(`${key}: ${name}: ${expected ?? 'absent'} under vitest, ${actual ?? 'absent'} here`);
    }
    const errors = (outcomes: RunOutcomes) => outcomes.fileErrors.toSorted().join(', ');
    if (errors(want) !== errors(got)) found.push(`${key}: file errors [${errors(want)}] under vitest, [${errors(got)}] here`);
  }
  return found;
}

/** `passed/total` of one run, e.g. `3/6`. */
export function tally(outcomes: RunOutcomes): string {
  const all: Outcome[] = Object.values(outcomes.tests);
  return `${all.filter((outcome) => outcome === 'passed').length}/${all.length}`;
}

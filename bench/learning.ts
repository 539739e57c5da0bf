// Learning benchmark (issue 12): does what a project's decisions teach make the repair engine
// find fixes with fewer candidates on bugs it has not seen? The corpus is split in two halves,
// interleaved by id (so both hold every kind of bug and neither is memorized): the engine repairs
// half A and each outcome is recorded as the loop records it, the decisions are learned from,
// then half B is repaired before (nothing learned) and after (learned priors and area weights).
//
// Usage: npm run bench -- learning [--only NN]... [--budget ms]
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Decision } from '../src/contract/history.ts';
import { learnFrom } from '../src/learn/learn.ts';
import { areaOf, type Learned } from '../src/learn/learned.ts';
import { BUILT_IN_PRIORS } from '../src/suggest/repair/operators/registry.ts';
import { listCorpus } from './lib/corpus.ts';
import { median } from './lib/stats.ts';
import { benchProgram, type ProgramResult, parseArgs, round, row } from './repair.ts';
import { vitestRunner } from './runners/variants.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'learning.json');
const PROJECT = 'bench:learning';
/** The issue's goal: at least this many fewer candidates tried per fix on the held-apart half. */
const GOAL_REDUCTION = 0.3;

/**
 * The decision the loop records for the engine's answer on a program: the engine only returns
 * changes it validated (failing tests fixed, nothing broken), and the loop keeps such a change
 * (`decidePatch`); one that leaves the suite red in the check is reverted. Nothing suggested, nothing decided.
 */
function decisionFor(result: ProgramResult, at: number): Decision[] {
  if (!result.suggested || !result.file) return [];
  const kept = result.fixed || result.partial;
  return [
    {
      project: PROJECT,
      runId: `learn-${result.id}`,
      at: new Date(at).toISOString(),
      outcome: kept ? 'kept' : 'reverted',
      weight: 1,
      source: 'repair',
      ...(result.operator ? { operator: result.operator } : {}),
      category: 'failure',
      priority: 'high',
      findingKind: 'failure',
      area: areaOf(result.file),
      ...(kept ? {} : { reason: 'the suite was not green after the change' }),
    },
  ];
}

interface Pair {
  id: string;
  kind: string;
  before: ProgramResult;
  after: ProgramResult;
}

const triedToFix = (result: ProgramResult) => (result.fixed ? result.stats?.triedToFirstFix : undefined);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

const WIDTHS = [24, 18, 22, 8, 8, 8, 8, 7, 7];
const HEADER = ['program', 'kind', 'operator (after)', 'tried', 'tried', 's/fix', 's/fix', 'fixed', 'right'];
const SUBHEADER = ['', '', '', 'before', 'after', 'before', 'after', 'b/a', 'b/a'];
const yes = (value: boolean) => (value ? 'y' : 'n');

function pairRow({ id, kind, before, after }: Pair): string {
  return row(
    [
      id,
      kind,
      after.error ? `error: ${after.error}` : (after.operator ?? '-'),
      triedToFix(before) ?? '-',
      triedToFix(after) ?? '-',
      before.fixed ? before.seconds.toFixed(1) : '-',
      after.fixed ? after.seconds.toFixed(1) : '-',
      `${yes(before.fixed)}/${yes(after.fixed)}`,
      `${yes(before.correct)}/${yes(after.correct)}`,
    ],
    WIDTHS,
  );
}

/** The priors learning moved most, for the report. */
function movedPriors(learned: Learned): { operator: string; builtIn: number; learned: number }[] {
  return Object.entries(learned.priors)
    .map(([operator, prior]) => ({ operator, builtIn: BUILT_IN_PRIORS[operator]!, learned: round(prior, 3) }))
    .filter((entry) => entry.learned !== entry.builtIn)
    .sort((a, b) => Math.abs(b.learned / b.builtIn - 1) - Math.abs(a.learned / a.builtIn - 1));
}

export async function runLearningBench(args: string[]): Promise<void> {
  const { only, budgetMs } = parseArgs(args);
  const programs = await listCorpus(only);
  const learnOn = programs.filter((_, index) => index % 2 === 0);
  const measureOn = programs.filter((_, index) => index % 2 === 1);
  if (measureOn.length === 0) throw new Error('learning bench: needs at least two corpus programs');

  console.log(`learning on ${learnOn.length} programs (${learnOn.map((p) => p.id.slice(0, 2)).join(' ')})`);
  const decisions: Decision[] = [];
  for (const program of learnOn) {
    const result = await benchProgram(program, budgetMs);
    decisions.push(...decisionFor(result, Date.now()));
    console.log(
      `  ${program.id.padEnd(24)} ${result.fixed ? 'fixed' : result.partial ? 'partial' : 'not fixed'} by ${result.operator ?? '-'}`,
    );
  }
  const learned = learnFrom(decisions, BUILT_IN_PRIORS);
  const moved = movedPriors(learned);
  console.log(`learned from ${decisions.length} decisions: ${moved.map((m) => `${m.operator} ${m.builtIn}->${m.learned}`).join(', ')}`);

  console.log(`\nmeasuring on ${measureOn.length} held-apart programs\n${row(HEADER, WIDTHS)}\n${row(SUBHEADER, WIDTHS)}`);
  const pairs: Pair[] = [];
  for (const [index, program] of measureOn.entries()) {
    // Alternating which goes first spreads the machine's drift over both sides.
    const runBefore = () => benchProgram(program, budgetMs);
    const runAfter = () => benchProgram(program, budgetMs, vitestRunner, 'auto', learned);
    const after = index % 2 === 0 ? undefined : await runAfter();
    const before = await runBefore();
    const pair = { id: program.id, kind: program.bug.kind, before, after: after ?? (await runAfter()) };
    pairs.push(pair);
    console.log(pairRow(pair));
  }

  // Candidates and time are compared on the programs fixed both ways, so a fix lost or won does not skew them.
  const both = pairs.filter((pair) => triedToFix(pair.before) !== undefined && triedToFix(pair.after) !== undefined);
  const side = (pick: (pair: Pair) => ProgramResult) => {
    const results = pairs.map(pick);
    return {
      fixed: results.filter((result) => result.fixed).length,
      correct: results.filter((result) => result.correct).length,
      candidatesToFix: sum(both.map((pair) => triedToFix(pick(pair))!)),
      medianCandidatesToFix: both.length > 0 ? median(both.map((pair) => triedToFix(pick(pair))!)) : null,
      medianSecondsPerFix: both.length > 0 ? round(median(both.map((pair) => pick(pair).seconds))) : null,
    };
  };
  const before = side((pair) => pair.before);
  const after = side((pair) => pair.after);
  const ratio = before.candidatesToFix > 0 ? round(after.candidatesToFix / before.candidatesToFix, 3) : null;
  const reduction = ratio === null ? null : round(1 - ratio, 3);
  const summary = {
    programs: { learnOn: learnOn.map((p) => p.id), measureOn: measureOn.map((p) => p.id), fixedBothWays: both.length },
    budgetMs,
    decisions: decisions.length,
    learnedPriors: moved,
    before,
    after,
    /** Candidates tried to the first fix, after / before, summed over the programs fixed both ways. */
    candidatesRatio: ratio,
    reduction,
    goalMet: reduction !== null && reduction >= GOAL_REDUCTION && after.fixed >= before.fixed && after.correct >= before.correct,
    pairs,
  };
  console.log(
    `\n${row(['', 'fixed', 'correct', 'cand. to fix (sum)', 'median', 's/fix median'], [8, 7, 8, 19, 7, 12])}\n` +
      [before, after]
        .map((s, i) =>
          row(
            [
              i === 0 ? 'before' : 'after',
              s.fixed,
              s.correct,
              s.candidatesToFix,
              s.medianCandidatesToFix ?? '-',
              s.medianSecondsPerFix ?? '-',
            ],
            [8, 7, 8, 19, 7, 12],
          ),
        )
        .join('\n'),
  );
  console.log(
    `candidates tried to the first fix, after/before: ${ratio ?? '-'} (${reduction === null ? '-' : `${round(reduction * 100, 1)}% fewer`}` +
      ` over ${both.length} programs fixed both ways; goal ${GOAL_REDUCTION * 100}% with no fix lost: ${summary.goalMet ? 'met' : 'not met'})`,
  );
  await mkdir(dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`wrote ${RESULTS_FILE}`);
}

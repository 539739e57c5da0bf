// Test integrity: `improve <dir> --write --json` on each layout, then the project must differ from
// what the bench wrote only in its sources (tests, helpers, fixtures, set-up and configs
// byte-identical), and a run that says green must be green when the bench runs the suite itself
// on a fresh copy of the written project: no false green.
import { spawn } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { type CliRun, eventsOf, NODE, ROOT, runCli } from './cli.ts';
import { LAYOUTS, type Layout } from './integrity-layouts.ts';
import { mapLimited } from './pool.ts';
import { reportFromEvents } from './reports.ts';
import { freshDir, makeProject } from './scratch.ts';
import { describeChanges, isImproveDir, snapshotTree, treeChanges } from './tree.ts';
import { failed, firstFailure, judge, type Outcome, type Verdict } from './verdict.ts';

const RUN_TIMEOUT_MS = 10 * 60_000;
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');

/** `vitest run` on a copy of `dir` (without .improve), as a user would run it after --write. */
async function suiteOnCopy(dir: string, label: string): Promise<{ passed: boolean; output: string }> {
  const copy = await freshDir(`${label}-verify`);
  await cp(dir, copy, { recursive: true, filter: (source) => !/\/\.improve(\/|$)/.test(source) });
  return new Promise((done) => {
    const child = spawn(NODE, [VITEST, 'run'], {
      cwd: copy,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ passed: code === 0, output });
    });
  });
}

/** vitest's summary line, e.g. `Tests  1 failed | 3 passed (4)`. */
const testsLine = (output: string): string => /^\s*Tests\s+(.+)$/m.exec(output)?.[1]?.trim() ?? output.trim().split('\n').at(-1) ?? '';

async function checkLayout(layout: Layout): Promise<Outcome> {
  const dir = await makeProject(`integrity-${layout.name}`, layout.files);
  const before = await snapshotTree(dir, isImproveDir);
  const run: CliRun = await runCli([dir, '--write', '--json'], { cwd: dir, timeoutMs: RUN_TIMEOUT_MS });
  if (run.timedOut) return failed(`the run did not finish within ${RUN_TIMEOUT_MS / 60_000} min`);
  const report = reportFromEvents(eventsOf(run.stdout));
  if (typeof report === 'string')
    return failed(`the run did not end with a report (exit ${run.code}): ${run.stderr.trim().split('\n')[0] ?? report}`);
  const changes = treeChanges(before, await snapshotTree(dir, isImproveDir));
  const forbidden = changes.filter((change) => !layout.mayChange.includes(change.slice(1)));
  const changedSources = changes.map((change) => change.slice(1)).filter((path) => layout.mayChange.includes(path));
  const saysGreen = report.status === 'green' || run.code === 0;
  const suite = saysGreen ? await suiteOnCopy(dir, layout.name) : undefined;
  const written = [...report.written].sort().join(', ');
  return firstFailure(
    [
      forbidden.length > 0 && `changed what only tests use: ${describeChanges(forbidden)}`,
      suite !== undefined &&
        !suite.passed &&
        `false green: said ${report.status} after ${report.iterations} iteration(s) with ${report.accepted.length} change(s) kept, but vitest run on the written project fails (${testsLine(suite.output)})`,
      layout.mustFix &&
        report.status !== 'green' &&
        `not fixed: ended ${report.status} (${report.stopReason}) though the bug is in ${layout.mayChange.join(', ')}`,
      layout.mustFix && changedSources.length === 0 && `nothing written to ${layout.mayChange.join(', ')}`,
      written !== [...changedSources].sort().join(', ') &&
        `the report says it wrote [${written}] but [${changedSources.join(', ')}] changed`,
    ],
    `${report.status} (${report.stopReason}) after ${report.iterations} iteration(s); ${changedSources.length > 0 ? `wrote ${changedSources.join(', ')}` : 'wrote nothing'}; nothing else changed${suite ? `; vitest on the written project: ${testsLine(suite.output)}` : ''}`,
  );
}

export async function runIntegrity(): Promise<Verdict[]> {
  return mapLimited(LAYOUTS, 2, async (layout) => {
    const verdict = await judge(layout.name, () => checkLayout(layout));
    console.log(`  ${verdict.held ? 'held  ' : 'FAILED'} ${verdict.name}: ${verdict.why}`);
    return verdict;
  });
}

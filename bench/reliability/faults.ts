// Faults: the CLI killed with SIGKILL at random points of a run (after the Nth `--json` event, plus
// a random delay), then `improve resume <runId> --dir <dir>` must finish consistently: a report
// that is green or says why not, the project's bytes unchanged in a dry run, or exactly the
// accepted edits applied with --write (no half-written file). And SIGINT/SIGTERM at random points:
// the CLI exits promptly with 130/143, leaving no process and no sandbox workspace behind.
import { execFileSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ImprovementReport } from '../../src/index.ts';
import type { RunOptions } from '../reliability.ts';
import { type CliRun, eventsOf, runCli, shellStatus, startCli } from './cli.ts';
import { mapLimited } from './pool.ts';
import { descendantsOf, type HostProcess, processesMatching, stillRunning, workspacesOf } from './processes.ts';
import { paginateFiles } from './projects.ts';
import { randomInt, seededRandom } from './random.ts';
import { foreignEvents, reportFromEvents, storedReport, unexplained } from './reports.ts';
import { makeProject, writeFiles } from './scratch.ts';
import { describeChanges, isImproveDir, snapshotTree, type Tree, treeChanges } from './tree.ts';
import { failed, firstFailure, judge, type Outcome, type Verdict } from './verdict.ts';

const RUN_TIMEOUT_MS = 300_000;
/** How long an interrupted CLI may take to exit and still count as prompt. */
const PROMPT_EXIT_MS = 5_000;
const FILES = paginateFiles();

/** Where a run is stopped: `delayMs` after its `afterEvents`th event. */
interface StopPoint {
  afterEvents: number;
  delayMs: number;
}

interface KillPoint extends StopPoint {
  write: boolean;
}

interface SignalPoint {
  afterEvents: number;
  signal: 'SIGINT' | 'SIGTERM';
}

/** The CLI on `dir`, sent `signal` `delayMs` after its `afterEvents`th event. */
async function runUntil(dir: string, args: string[], point: StopPoint, signal: NodeJS.Signals, atSignal?: (pid: number) => void) {
  let runId: string | undefined;
  let finished = false;
  let signalled: { at: number; afterFinish: boolean } | undefined;
  const cli = startCli([dir, '--json', ...args], {
    cwd: dir,
    timeoutMs: RUN_TIMEOUT_MS,
    onEvent: (event, position) => {
      if (typeof event.runId === 'string') runId ??= event.runId;
      if (event.type === 'run-finish') finished = true;
      if (position !== point.afterEvents) return;
      setTimeout(() => {
        atSignal?.(cli.pid);
        signalled = { at: performance.now(), afterFinish: finished };
        cli.signal(signal);
      }, point.delayMs);
    },
  });
  const run = await cli.done;
  const exitMs = signalled ? performance.now() - signalled.at : 0;
  return { run, runId, pid: cli.pid, exitMs, hit: signalled !== undefined && !signalled.afterFinish && metLiveRun(run, signal, exitMs) };
}

/**
 * Whether the signal met a run still in progress. The last events come in one burst: a run may have
 * printed its end into the pipe before the bench read the event it waits for. SIGKILL must have
 * been what ended it; a catchable signal raced the end when the run finished normally within a
 * second of it (a CLI that ignores signals still shows: mid-run, its run goes on for seconds).
 */
function metLiveRun(run: CliRun, signal: NodeJS.Signals, exitMs: number): boolean {
  if (signal === 'SIGKILL') return run.signal === 'SIGKILL';
  const finishedNormally = (run.code === 0 || run.code === 1) && eventsOf(run.stdout).some((event) => event.type === 'run-finish');
  return !(finishedNormally && exitMs < 1000);
}

/**
 * A fresh project and a run stopped at `point`. When the run was over before the signal landed, the
 * point moves earlier (first no delay, then one event sooner) until the signal meets a live run.
 */
async function stoppedRun(label: string, args: string[], point: StopPoint, signal: NodeJS.Signals, atSignal?: (pid: number) => void) {
  for (let at = point; ; at = at.delayMs > 0 ? { ...at, delayMs: 0 } : { ...at, afterEvents: at.afterEvents - 1 }) {
    const dir = await makeProject(label, FILES);
    const original = await snapshotTree(dir, isImproveDir);
    const stopped = await runUntil(dir, args, at, signal, atSignal);
    const moved = at === point ? '' : ` (sent after ${at.afterEvents} events +${at.delayMs} ms: the run was over at the first point)`;
    if (stopped.hit || at.afterEvents <= 1) return { dir, original, stopped, moved };
  }
}

/** The project as the report says it must be: the original plus improvements.patch when the run wrote back. */
async function expectedTree(report: ImprovementReport): Promise<Tree> {
  // Outside the repository: `git apply` inside it would take paths as the repository's.
  const dir = await mkdtemp(join(tmpdir(), 'ri-bench-expected-'));
  try {
    await writeFiles(dir, FILES);
    if (report.writeMode === 'write' && report.written.length > 0) {
      const patch = `${dir}.patch`;
      await copyFile(join(report.artifactsDir, 'improvements.patch'), patch);
      try {
        execFileSync('git', ['apply', patch], { cwd: dir, stdio: 'pipe' });
      } finally {
        await rm(patch, { force: true });
      }
    }
    return await snapshotTree(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The resumed run's report, from its stream, or from report.json when the run had already finished before the kill. */
async function resumedReport(resumed: CliRun, dir: string, runId: string): Promise<ImprovementReport | string> {
  if (resumed.timedOut) return `resume still running after ${RUN_TIMEOUT_MS / 1000} s`;
  const events = eventsOf(resumed.stdout);
  const foreign = foreignEvents(events, runId);
  if (foreign.length > 0) return `resume streamed ${foreign.length} event(s) of another run`;
  if (resumed.code === 0 || resumed.code === 1) {
    const report = reportFromEvents(events);
    if (typeof report === 'string') return `resume exit ${resumed.code}, but ${report}`;
    if ((report.status === 'green') !== (resumed.code === 0)) return `resume exit ${resumed.code} for a ${report.status} report`;
    return report;
  }
  // Killed after the run was stored as finished: nothing to resume, and its report is on disk.
  const finished = resumed.code === 2 && /nothing to resume \(status: success\)/.test(resumed.stderr);
  const stored = finished ? await storedReport(dir, runId) : undefined;
  return stored ?? `resume exit ${resumed.code ?? resumed.signal}: ${resumed.stderr.trim().split('\n')[0] ?? ''}`;
}

async function killAndResume(point: KillPoint): Promise<Outcome> {
  const { dir, original, stopped: killed, moved } = await stoppedRun('fault-kill', point.write ? ['--write'] : [], point, 'SIGKILL');
  if (!killed.hit) return failed(`bench: the run ended (${killed.run.code}) before any kill point`);
  if (!killed.runId) return failed('bench: killed before the run printed its id');
  const resumed = await runCli(['resume', killed.runId, '--dir', dir, '--json'], { cwd: dir, timeoutMs: RUN_TIMEOUT_MS });
  const report = await resumedReport(resumed, dir, killed.runId);
  if (typeof report === 'string') return failed(report);
  const now = await snapshotTree(dir, isImproveDir);
  const expected = point.write ? await expectedTree(report) : original;
  const wrong = treeChanges(expected, now);
  const halfWritten = [...now.keys()].filter((path) => /\.tmp$|~$/.test(path));
  return firstFailure(
    [
      report.runId !== killed.runId && `the resumed report is of run ${report.runId}`,
      unexplained(report),
      halfWritten.length > 0 && `half-written files left: ${halfWritten.join(', ')}`,
      wrong.length > 0 &&
        `the project is not ${point.write ? 'the original plus the accepted edits' : 'unchanged'}: ${describeChanges(wrong)}`,
    ],
    `${resumed.code === 2 ? 'already finished when killed (report.json on disk)' : 'resumed'}: ${report.status} (${report.stopReason}); ` +
      `${point.write ? `wrote ${report.written.join(', ') || 'nothing'}` : 'project unchanged'}${moved}`,
  );
}

async function interrupt(point: SignalPoint): Promise<Outcome> {
  let descendants: HostProcess[] = [];
  let workspaces: string[] = [];
  const { dir, original, stopped, moved } = await stoppedRun(
    'fault-signal',
    [],
    { afterEvents: point.afterEvents, delayMs: 0 },
    point.signal,
    (pid) => {
      descendants = descendantsOf(pid);
      workspaces = workspacesOf(pid);
    },
  );
  if (!stopped.hit) return failed(`bench: the run ended (${stopped.run.code}) before any signal point`);
  await sleep(1500);
  const status = shellStatus(stopped.run);
  const expectedStatus = point.signal === 'SIGINT' ? 130 : 143;
  const leftProcesses = [...stillRunning(descendants), ...processesMatching(dir)];
  const leftWorkspaces = [...new Set([...workspaces.filter((base) => existsDir(base)), ...workspacesOf(stopped.pid)])];
  const changes = treeChanges(original, await snapshotTree(dir, isImproveDir));
  return firstFailure(
    [
      stopped.run.timedOut && `did not exit within ${RUN_TIMEOUT_MS / 1000} s of ${point.signal}`,
      stopped.exitMs > PROMPT_EXIT_MS && `took ${(stopped.exitMs / 1000).toFixed(1)} s to exit after ${point.signal}`,
      status !== expectedStatus &&
        `exit status ${status}${stopped.run.signal ? ` (killed by ${stopped.run.signal})` : ''} after ${point.signal}, not ${expectedStatus}`,
      leftProcesses.length > 0 &&
        `left ${leftProcesses.length} process(es) running: ${leftProcesses
          .slice(0, 3)
          .map((p) => p.cmdline.split(' ')[0]?.split('/').pop())
          .join(', ')}`,
      leftWorkspaces.length > 0 && `left ${leftWorkspaces.length} sandbox workspace(s): ${leftWorkspaces.join(', ')}`,
      changes.length > 0 && `the project changed: ${describeChanges(changes)}`,
    ],
    `exit ${status} ${(stopped.exitMs / 1000).toFixed(1)} s after ${point.signal}; nothing left behind${moved}`,
  );
}

const existsDir = (path: string): boolean => lstatSync(path, { throwIfNoEntry: false })?.isDirectory() === true;

/** An uninterrupted run: how many events a whole run prints, so kill points fall inside one. */
async function calibrate(): Promise<number> {
  const dir = await makeProject('fault-calibration', FILES);
  const run = await runCli([dir, '--json'], { cwd: dir, timeoutMs: RUN_TIMEOUT_MS });
  const events = eventsOf(run.stdout);
  const report = reportFromEvents(events);
  const outcome = typeof report === 'string' ? report : `${report.status} after ${report.iterations} iteration(s)`;
  console.log(`  calibration: an uninterrupted run prints ${events.length} events and ends ${outcome} (exit ${run.code})`);
  if (events.length < 4) throw new Error(`the uninterrupted run printed ${events.length} events: ${run.stderr.trim()}`);
  return events.length;
}

export async function runFaults(options: RunOptions): Promise<Verdict[]> {
  const total = await calibrate();
  const random = seededRandom(options.seed);
  const kills: KillPoint[] = Array.from({ length: options.quick ? 4 : 20 }, (_, i) => ({
    afterEvents: randomInt(random, 1, total - 2),
    delayMs: randomInt(random, 0, 400),
    write: i % 2 === 1,
  }));
  const signals: SignalPoint[] = Array.from({ length: options.quick ? 2 : 5 }, (_, i) => ({
    afterEvents: randomInt(random, 2, total - 2),
    signal: i % 2 === 0 ? 'SIGINT' : 'SIGTERM',
  }));
  const cases: [string, () => Promise<Outcome>][] = [
    ...kills.map((point): [string, () => Promise<Outcome>] => [
      `kill-9-after-${point.afterEvents}-events+${point.delayMs}ms${point.write ? '-write' : ''}`,
      () => killAndResume(point),
    ]),
    ...signals.map((point): [string, () => Promise<Outcome>] => [
      `${point.signal.toLowerCase()}-after-${point.afterEvents}-events`,
      () => interrupt(point),
    ]),
  ];
  // Two at a time on two cores: kill points are random anyway, and each run is small.
  return mapLimited(cases, 2, async ([name, run]) => {
    const verdict = await judge(name, run);
    console.log(`  ${verdict.held ? 'held  ' : 'FAILED'} ${verdict.name}: ${verdict.why}`);
    return verdict;
  });
}

// Load: 20 runs at once through one real `mastra dev` server (started as tests/server does), each
// streamed to its own @mastra/client-js client. Each run improves its own project, whose module
// has a name of its own, so a crossed event shows. Every stream must be whole and its own, and
// every run must reach the end state its project calls for (the bug fixed, or green from the start).
import { MastraClient } from '@mastra/client-js';
import { type ImprovementEvent, type ImprovementReport, ImprovementReportSchema, toImprovementEvents } from '../../src/index.ts';
import { type MastraServer, startMastraServer } from '../../tests/support/mastra-server.ts';
import type { RunOptions } from '../reliability.ts';
import { greenFiles, paginateFiles } from './projects.ts';
import { makeProject } from './scratch.ts';
import { streamProblems } from './stream-checks.ts';
import { failed, firstFailure, judge, type Outcome, type Verdict } from './verdict.ts';

const RUNS = 20;
const QUICK_RUNS = 6;
/** Twenty runs share two cores: generous, but a stream that never ends must not hang the bench. */
const RUN_TIMEOUT_MS = 15 * 60_000;
const OPTIONS = { sandbox: 'local', suggester: 'repair', maxIterations: 3 } as const;

interface LoadRun {
  moduleName: string;
  /** `fixable`: the paginate bug, fixed in one cycle; `green`: passes from the start. */
  kind: 'fixable' | 'green';
  dir: string;
}

async function prepare(index: number): Promise<LoadRun> {
  const moduleName = `load${String(index + 1).padStart(2, '0')}`;
  // One in three is green already: a run with no cycle interleaves with runs in the middle of theirs.
  const kind = index % 3 === 2 ? 'green' : 'fixable';
  const dir = await makeProject(`load-${moduleName}`, kind === 'green' ? greenFiles(moduleName) : paginateFiles(moduleName));
  return { moduleName, kind, dir };
}

/** What the run said about stopping short (the last cycle's reason, else the first rejection's), and how slow its baseline was. */
function stopExplanation(events: ImprovementEvent[], report: ImprovementReport): string {
  const ended = events.findLast((event) => event.type === 'iteration-end' && event.reason !== undefined);
  const reason = (ended?.type === 'iteration-end' ? ended.reason : report.rejected[0]?.reason) ?? 'no reason given';
  return `: ${reason}; baseline tests took ${(report.baseline.durationMs / 1000).toFixed(1)} s`;
}

function endStateProblems(run: LoadRun, report: ImprovementReport, runId: string, events: ImprovementEvent[]): (string | false)[] {
  return [
    report.runId !== runId && `the report is of run ${report.runId}`,
    !report.artifactsDir.startsWith(`${run.dir}/`) && `the report's artifacts are in another project: ${report.artifactsDir}`,
    report.status !== 'green' && `ended ${report.status} (${report.stopReason}), expected green${stopExplanation(events, report)}`,
    run.kind === 'fixable' && report.accepted.length !== 1 && `${report.accepted.length} changes kept, expected the one fix`,
    run.kind === 'green' && report.iterations !== 0 && `${report.iterations} iterations on a green project, expected none`,
  ];
}

async function streamRun(client: MastraClient, run: LoadRun): Promise<Outcome> {
  const workflow = client.getWorkflow('improve');
  const handle = await workflow.createRun();
  const events: ImprovementEvent[] = [];
  const streamed = (async () => {
    for await (const event of toImprovementEvents(await handle.stream({ inputData: { projectDir: run.dir, ...OPTIONS } })))
      events.push(event);
  })();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    streamed.then(() => false),
    new Promise<boolean>((done) => {
      timer = setTimeout(() => done(true), RUN_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  if (timedOut) return failed(`the stream did not end within ${RUN_TIMEOUT_MS / 60_000} min (${events.length} events so far)`);
  const problems = streamProblems(events, handle.runId, run.moduleName);
  const finish = events.at(-1);
  const parsed = finish?.type === 'run-finish' ? ImprovementReportSchema.safeParse(finish.result) : undefined;
  if (!parsed?.success) {
    return failed(
      [
        ...problems,
        `no report at the end (${finish?.type === 'run-finish' ? `${finish.status}: ${finish.error ?? ''}` : 'no run-finish'})`,
      ].join('; '),
    );
  }
  const stored = await workflow.runById(handle.runId).then(
    (found) => (found as { status?: string }).status,
    (error: Error) => `unreadable: ${error.message}`,
  );
  return firstFailure(
    [
      problems.length > 0 && problems.slice(0, 3).join('; '),
      ...endStateProblems(run, parsed.data, handle.runId, events),
      stored !== 'success' && `the server stored the run as ${stored}`,
    ],
    `${events.length} events, whole and its own; ${parsed.data.status} after ${parsed.data.iterations} iteration(s)`,
  );
}

export async function runLoad(options: RunOptions): Promise<Verdict[]> {
  const runs = await Promise.all(Array.from({ length: options.quick ? QUICK_RUNS : RUNS }, (_, index) => prepare(index)));
  let server: MastraServer | undefined;
  try {
    server = await startMastraServer();
    console.log(`  mastra dev answered after ${(server.startupMs / 1000).toFixed(0)} s; starting ${runs.length} runs at once`);
    const client = new MastraClient({ baseUrl: server.url, retries: 0 });
    const verdicts = await Promise.all(runs.map((run) => judge(`${run.moduleName}-${run.kind}`, () => streamRun(client, run))));
    for (const verdict of verdicts) console.log(`  ${verdict.held ? 'held  ' : 'FAILED'} ${verdict.name}: ${verdict.why}`);
    return verdicts;
  } catch (error) {
    // No server, no runs: every run fails for that one reason, so the count stays honest.
    const why = `the server did not start: ${(error as Error).message.split('\n')[0]}`;
    return runs.map((run) => ({ name: `${run.moduleName}-${run.kind}`, held: false, why, ms: 0 }));
  } finally {
    await server?.stop();
  }
}

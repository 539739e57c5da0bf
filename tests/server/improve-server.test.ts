import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MastraClient } from '@mastra/client-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImprovementReport, ImprovementReportSchema } from '../../src/contract/report.ts';
import { toImprovementEvents } from '../../src/events/from-chunks.ts';
import { type ImprovementEvent, ImprovementEventSchema } from '../../src/events/improvement-event.ts';
import { STORE_FILE } from '../../src/store/storage.ts';
import { type MastraServer, NODE, REPO, startMastraServer } from '../support/mastra-server.ts';
import { cycleShape, LOOPED } from '../workflow/support/cycles.ts';
import { treeHash } from '../workflow/support/projects.ts';
import { PAGINATE_FIX as FIX, paginateProject } from './paginate-project.ts';

/** What a run that finds and keeps the one fix tells its client. */
const FIXED_IN_ONE_GO = [
  'run-start',
  'test-progress baseline',
  'test-run baseline',
  'findings',
  'suggestion',
  'patch-applied',
  'test-progress retest',
  'test-run retest',
  'patch-kept',
  'test-progress confirm',
  'test-run confirm',
  'summary',
  'run-finish',
];
/** Offline and deterministic: the local sandbox and the built-in repair engine. */
const OPTIONS = { sandbox: 'local', suggester: 'repair', testRetries: 0, maxIterations: 3 };

let server: MastraServer;
let client: MastraClient;
const projects: { remove: () => void }[] = [];

beforeAll(async () => {
  server = await startMastraServer();
  client = new MastraClient({ baseUrl: server.url, retries: 0 });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  for (const project of projects) project.remove();
}, 60_000);

function project() {
  const copy = paginateProject();
  projects.push(copy);
  return { dir: copy.dir, hash: treeHash(copy.dir) };
}

async function collect(stream: AsyncIterable<unknown>): Promise<ImprovementEvent[]> {
  const events: ImprovementEvent[] = [];
  for await (const event of toImprovementEvents(stream)) events.push(event);
  return events;
}

/** The chunks' size as they arrived (as JSON), and their events. */
async function collectSized(stream: AsyncIterable<unknown>): Promise<{ events: ImprovementEvent[]; bytes: number }> {
  let bytes = 0;
  async function* counted() {
    for await (const chunk of stream) {
      bytes += Buffer.byteLength(JSON.stringify(chunk));
      yield chunk;
    }
  }
  return { events: await collect(counted()), bytes };
}

/** The loop events and run boundaries in order, with what tells them apart. */
function story(events: ImprovementEvent[]): string[] {
  return events.flatMap((e) => {
    switch (e.type) {
      case 'run-start':
      case 'run-finish':
        return [`${e.type}`];
      case 'test-progress':
      case 'test-run':
        return [`${e.type} ${e.phase}`];
      case 'findings':
      case 'suggestion':
      case 'approval-requested':
      case 'patch-applied':
      case 'patch-kept':
      case 'patch-reverted':
      case 'patch-rejected':
      case 'summary':
        return [e.type];
      default:
        return [];
    }
  });
}

function reportOf(events: ImprovementEvent[]): ImprovementReport {
  const finish = events.at(-1);
  if (finish?.type !== 'run-finish') throw new Error(`the stream did not end with run-finish: ${JSON.stringify(finish)}`);
  expect(finish.status, finish.error).toBe('success');
  return ImprovementReportSchema.parse(finish.result);
}

function expectFixed(report: ImprovementReport, runId: string, projectDir: string): void {
  expect(report).toMatchObject({
    runId,
    status: 'green',
    stopReason: 'green',
    iterations: 1,
    baseline: { passed: 4, failed: 2, total: 6 },
    final: { passed: 6, failed: 0, total: 6 },
    rejected: [],
    writeMode: 'dry-run',
    written: [],
    artifactsDir: path.join(projectDir, '.improve/runs', runId),
  });
  expect(report.accepted).toHaveLength(1);
  expect(report.accepted[0]).toMatchObject({ source: 'repair', files: ['src/paginate.ts'] });
  expect(report.accepted[0]?.diff).toContain(FIX);
  // The repair engine found its warm validator's scripts although mastra dev bundled the code.
  expect(report.accepted[0]?.rationale).toContain('Validated in the sandbox (hot)');
  expect(report.accepted[0]?.fixed.toSorted()).toEqual([
    'tests/paginate.test.ts > paginate > has no next page at the end',
    'tests/paginate.test.ts > paginate > returns the last, partial page',
  ]);
}

describe('the improve workflow behind a real `mastra dev` server', () => {
  it('lists the workflow over HTTP with its input schema', async () => {
    const response = await fetch(`${server.url}/api/workflows`);
    expect(response.status).toBe(200);
    const workflows = (await response.json()) as Record<string, { name: string; description?: string; inputSchema?: unknown }>;
    expect(Object.keys(workflows)).toContain('improve');
    const improve = workflows.improve;
    expect(improve?.description).toMatch(/^Improve a codebase in a loop/);
    const schema = jsonSchema(improve?.inputSchema);
    expect(Object.keys(schema.properties).sort()).toEqual(
      [
        'approval',
        'maxIterations',
        'patience',
        'prMinPriority',
        'project',
        'projectDir',
        'pullRequest',
        'remote',
        'sandbox',
        'suggester',
        'testCommand',
        'testRetries',
        'timeBudgetSeconds',
        'tokenBudget',
        'writeMode',
      ].sort(),
    );
    expect(schema.properties.projectDir).toMatchObject({ type: 'string', description: 'Absolute path of the project to improve' });
    expect(schema.properties.approval).toMatchObject({ enum: ['auto', 'manual'], default: 'auto' });
    expect(schema.properties.writeMode).toMatchObject({ enum: ['dry-run', 'write'], default: 'dry-run' });
    // Only projectDir is required of a caller; the rest shows its default.
    expect((schema as { required?: string[] }).required).toEqual(['projectDir']);
    expect(schema.properties.maxIterations).toMatchObject({ default: 10 });
    expect(schema.properties.pullRequest).toMatchObject({ type: 'boolean', default: false });
    expect(schema.properties.prMinPriority).toMatchObject({ enum: ['high', 'medium', 'low'], default: 'high' });
  });

  it('streams a run to the client SDK: events in order, the report, the project untouched, the run stored', async () => {
    const { dir, hash } = project();
    const run = await client.getWorkflow('improve').createRun();
    const { events, bytes } = await collectSized(await run.stream({ inputData: { projectDir: dir, ...OPTIONS } }));
    // The steps pass a small loop state (reports and file contents stay in the run's folder), so the
    // whole stream of a one-iteration run is a few dozen KB, and the loop ends with that iteration.
    // Each top-level step costs a constant few KB (its input and output travel in its chunks): 65 KB
    // with publish, the last step, which takes and gives the report.
    expect(bytes).toBeLessThan(70_000);
    expect(cycleShape(events)).toEqual({ topLevel: LOOPED, iterations: [1], stepsPerCycle: [5] });
    // Loop events say when they happened, on the server's clock.
    for (const event of events.filter((e) => 'at' in e))
      expect(event).toMatchObject({ at: expect.any(String), elapsedMs: expect.any(Number) });

    for (const event of events) expect(ImprovementEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
    expect(events.filter((e) => e.type === 'unknown')).toEqual([]);
    expect(events.every((e) => e.runId === run.runId)).toBe(true);
    expect(story(events)).toEqual(FIXED_IN_ONE_GO);
    expect(events.find((e) => e.type === 'findings')).toMatchObject({
      iteration: 1,
      findings: [
        { category: 'failure', priority: 'high', file: 'src/paginate.ts' },
        { category: 'failure', priority: 'high', file: 'src/paginate.ts' },
      ],
    });
    expect(events.find((e) => e.type === 'patch-applied')).toMatchObject({
      iteration: 1,
      files: ['src/paginate.ts'],
      diff: expect.stringContaining(FIX),
    });
    expect(events.find((e) => e.type === 'summary')).toMatchObject({ status: 'green', accepted: 1, rejected: 0 });

    const report = reportOf(events);
    expectFixed(report, run.runId, dir);
    // The artifacts are the report the stream delivered; the project itself was not modified.
    expect(JSON.parse(readFileSync(path.join(report.artifactsDir, 'report.json'), 'utf8'))).toEqual(report);
    expect(readFileSync(path.join(report.artifactsDir, 'improvements.patch'), 'utf8')).toContain(FIX);
    expect(treeHash(dir)).toBe(hash);
    expect(readFileSync(path.join(dir, 'src/paginate.ts'), 'utf8')).toContain('page >= count');

    // The server kept the run in its LibSQL store, where we pointed it.
    const stored = await client.getWorkflow('improve').runById(run.runId);
    expect(stored).toMatchObject({ runId: run.runId, status: 'success' });
    expect(existsSync(path.join(server.storeDir, STORE_FILE))).toBe(true);
  }, 180_000);

  it('suspends a manual-approval run with the diff, and resumes it to the end over HTTP', async () => {
    const { dir, hash } = project();
    const workflow = client.getWorkflow('improve');
    const run = await workflow.createRun();
    const first = await collect(await run.stream({ inputData: { projectDir: dir, ...OPTIONS, approval: 'manual' } }));

    expect(story(first)).toEqual([
      'run-start',
      'test-progress baseline',
      'test-run baseline',
      'findings',
      'suggestion',
      'approval-requested',
      'run-finish',
    ]);
    const requested = first.find((e) => e.type === 'approval-requested');
    expect(requested).toMatchObject({ iteration: 1, diff: expect.stringContaining(FIX) });
    const suspended = first.find((e) => e.type === 'step-suspended');
    expect(suspended).toMatchObject({
      stepId: 'loop.cycle.apply',
      path: ['loop', 'cycle', 'apply'],
      payload: {
        iteration: 1,
        source: 'repair',
        files: ['src/paginate.ts'],
        diff: requested?.type === 'approval-requested' ? requested.diff : '',
      },
    });
    expect(first.at(-1)).toMatchObject({ type: 'run-finish', status: 'suspended' });
    expect(await workflow.runById(run.runId)).toMatchObject({ status: 'suspended' });

    // A new handle on the same run, as another client would have: approve and follow it to the end.
    const again = await workflow.createRun({ runId: run.runId });
    const rest = await collect(await again.resumeStream({ step: ['loop', 'cycle', 'apply'], resumeData: { approved: true } }));
    expect(story(rest)).toEqual([
      'run-start',
      'patch-applied',
      'test-progress retest',
      'test-run retest',
      'patch-kept',
      'test-progress confirm',
      'test-run confirm',
      'summary',
      'run-finish',
    ]);
    expectFixed(reportOf(rest), run.runId, dir);
    expect(await workflow.runById(run.runId)).toMatchObject({ status: 'success' });
    expect(treeHash(dir)).toBe(hash);
  }, 180_000);

  it('refuses bad input with HTTP 400 naming the field', async () => {
    const run = await client.getWorkflow('improve').createRun();
    const error = await run.startAsync({ inputData: { projectDir: 'relative/path' } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/status: 400\b.*projectDir: projectDir must be an absolute path/s);
  }, 60_000);

  it('examples/stream-client.ts prints the events of a run as JSON lines', async () => {
    const { dir, hash } = project();
    const child = spawn(
      NODE,
      ['--conditions=recursive-improve:source', path.join(REPO, 'examples/stream-client.ts'), dir, JSON.stringify(OPTIONS)],
      {
        cwd: REPO,
        env: { ...process.env, MASTRA_URL: server.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    expect(code, stderr).toBe(0);
    const events = stdout
      .trim()
      .split('\n')
      .map((line) => ImprovementEventSchema.parse(JSON.parse(line)));
    expect(story(events)).toEqual(FIXED_IN_ONE_GO);
    const runId = events[0]?.runId as string;
    expectFixed(reportOf(events), runId, dir);
    expect(treeHash(dir)).toBe(hash);
  }, 180_000);
});

/** Mastra sends a schema as a string of `{ json: <JSON schema> }`. */
function jsonSchema(value: unknown): { properties: Record<string, Record<string, unknown>> } {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  const schema = (parsed as { json?: unknown }).json ?? parsed;
  return schema as { properties: Record<string, Record<string, unknown>> };
}

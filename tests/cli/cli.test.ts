import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImprovementReportSchema } from '../../src/contract/report.ts';
import { ImprovementEventSchema } from '../../src/events/improvement-event.ts';
import { CLI, NODE, ONE_BUG, offlineEnv, projectCopy, ROOT, runCli } from './support/cli.ts';

const FIXTURE = ONE_BUG;
const BUGGY_LINE = 'return age > 18;';

/** A private copy of the one-bug project; its packages resolve from the repo's node_modules. */
const oneBugProject = () => projectCopy(ONE_BUG);

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe('improve CLI', () => {
  it.each([
    [['/no/such/dir'], 'improve: project directory not found: /no/such/dir'],
    [['.', '--sandbox', 'docker'], 'improve: --sandbox must be one of auto, local, e2b, got "docker"'],
    [['resume', 'no-such-run', '--dir', '.'], `improve: no run no-such-run in ${join(ROOT, '.improve')}`],
    [[], 'improve: missing project directory: improve <dir> (see --help)'],
    [
      [FIXTURE, '--suggester', 'llm'],
      "improve: suggester 'llm' is not available here: it needs a model (set OPENAI_API_KEY, with OPENAI_BASE_URL for an OpenAI-compatible server, or IMPROVE_MODEL)",
    ],
    // Any registered name is accepted; the message lists them from the registry.
    [[FIXTURE, '--suggester', 'nosuch'], "improve: unknown suggester 'nosuch' (registered: both, llm, repair)"],
  ])('rejects %j with one line and exit 2', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(message);
    expect(run.stdout).toBe('');
  });

  it('streams one ImprovementEvent per line with --json, writes --report, and leaves the project alone', async () => {
    const project = await oneBugProject();
    const reportFile = join(project, 'out.json');
    const run = await runCli([project, '--json', '--report', reportFile]);
    expect(run.code, run.stderr).toBe(0);

    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => ImprovementEventSchema.parse(JSON.parse(line)));
    const loopTypes = events.map((e) => e.type).filter((t) => !t.startsWith('step-'));
    expect(loopTypes[0]).toBe('run-start');
    expect(loopTypes).toEqual(
      expect.arrayContaining(['test-progress', 'test-run', 'findings', 'suggestion', 'patch-applied', 'patch-kept', 'summary']),
    );
    expect(loopTypes.at(-1)).toBe('run-finish');
    expect(loopTypes.indexOf('patch-applied')).toBeLessThan(loopTypes.indexOf('patch-kept'));

    const report = ImprovementReportSchema.parse(JSON.parse(await readFile(reportFile, 'utf8')));
    expect(report).toMatchObject({
      status: 'green',
      stopReason: 'green',
      baseline: { failed: 1, total: 5 },
      final: { failed: 0, passed: 5 },
    });
    expect(report.accepted).toHaveLength(1);
    expect(report.accepted[0]).toMatchObject({ file: 'src/age.ts', category: 'failure' });
    expect(report.accepted[0]!.diff).toContain('+  return age >= 18;');
    expect(report.timings.totalMs).toBeGreaterThan(report.timings.testMs);
    // Dry run: the source is as it was; the fix is only in the run's artifacts.
    expect(await readFile(join(project, 'src/age.ts'), 'utf8')).toContain(BUGGY_LINE);
    expect(await readFile(join(report.artifactsDir, 'improvements.patch'), 'utf8')).toContain('+  return age >= 18;');
  });

  it('writes accepted changes back with --write, says which files it wrote, and prints plain lines when not a terminal', async () => {
    const project = await oneBugProject();
    const run = await runCli([project, '--write']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^baseline: 4 passed, 1 failed of 5/m);
    expect(run.stdout).toMatch(/^ {2}kept: fixes 1 test$/m);
    expect(run.stdout).toMatch(/^done: green \(stop: green\)/m);
    expect(run.stdout).not.toContain('\x1b[');
    // The last words: what was written where, and where the report is.
    const [written, report] = run.stdout.trim().split('\n').slice(-2);
    expect(written).toBe(`wrote 1 file in ${project}: src/age.ts`);
    expect(report).toMatch(new RegExp(`^report: ${project}/\\.improve/runs/[\\w-]+/report\\.json$`));
    expect(ImprovementReportSchema.parse(JSON.parse(await readFile(report!.slice('report: '.length), 'utf8'))).written).toEqual([
      'src/age.ts',
    ]);
    const source = await readFile(join(project, 'src/age.ts'), 'utf8');
    expect(source).toContain('return age >= 18;');
    expect(await readFile(join(project, 'tests/age.test.ts'), 'utf8')).toBe(await readFile(join(FIXTURE, 'tests/age.test.ts'), 'utf8'));
  });

  it('asks before applying with --approve, and a run left waiting resumes with improve resume', async () => {
    const project = await oneBugProject();
    const first = await runCli([project, '--approve', '--write']);
    // No answer on stdin: the run stays suspended, says how to continue, and exits with its own status.
    expect(first.code).toBe(3);
    expect(first.stderr).toContain('Apply this change? [y/N]');
    expect(first.stderr).toContain('+  return age >= 18;');
    const runId = /improve resume (\S+) --dir/.exec(first.stderr)?.[1];
    expect(runId).toBeDefined();
    expect(await readFile(join(project, 'src/age.ts'), 'utf8')).toContain(BUGGY_LINE);

    const resumed = await runCli(['resume', runId!, '--dir', project], { stdin: 'y\n' });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/done: green/);
    expect(await readFile(join(project, 'src/age.ts'), 'utf8')).toContain('return age >= 18;');

    const again = await runCli(['resume', runId!, '--dir', project]);
    expect(again.code).toBe(2);
    expect(again.stderr.trim()).toBe(`improve: run ${runId} has nothing to resume (status: success)`);
  });
});

describe('findings no available suggester can act on', () => {
  it('are named at the end of the run, with what would help', async () => {
    const project = await projectCopy(join(ROOT, 'examples/slow'));
    const reportFile = join(project, 'out.json');
    const run = await runCli([project, '--suggester', 'repair', '--report', reportFile]);
    // The suite passes but High and Medium findings are left: not green.
    expect(run.code, run.stderr).toBe(1);
    const report = ImprovementReportSchema.parse(JSON.parse(await readFile(reportFile, 'utf8')));
    expect(report.unaddressed?.categories).toEqual(expect.arrayContaining(['error-handling', 'performance']));
    const [reason, where] = run.stdout.trim().split('\n').slice(-2);
    expect(reason).toBe(report.unaddressed!.reason);
    expect(reason).toMatch(/^suggester 'repair' acts on failure findings only; suggester 'llm' would act on .*, and needs a model/);
    expect(where).toBe(`report: ${reportFile} and ${join(report.artifactsDir, 'report.json')}`);
  }, 300_000);
});

describe('a run that fails', () => {
  it('exits 4 with one line when the sandbox cannot be reached, distinct from failures remaining', async () => {
    const project = await oneBugProject();
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const run = await runCli([project, '--sandbox', 'e2b'], {
      env: { E2B_API_KEY: 'e2b_unreachable', E2B_API_URL: unreachable, E2B_SANDBOX_URL: unreachable },
    });
    expect(run.code).toBe(4);
    expect(run.stderr.trim()).toMatch(/^improve: run [\w-]+ failed: E2B is unreachable \(start an E2B sandbox[^\n]*$/);
  }, 120_000);
});

describe('improve resume after a crash', () => {
  it('continues a run whose process was killed mid-step, to the same green end', async () => {
    const project = await oneBugProject();
    const child = spawn(NODE, ['--disable-warning=ExperimentalWarning', CLI, project, '--json', '--write'], {
      cwd: ROOT,
      env: offlineEnv(),
    });
    let runId: string | undefined;
    // Kill -9 as soon as the fix is applied in the sandbox, before the re-test can finish.
    await new Promise<void>((done) => {
      let buffered = '';
      child.stdout.on('data', (chunk) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const event = JSON.parse(line) as { type: string; runId?: string };
          runId ??= event.runId;
          if (event.type === 'patch-applied') {
            child.kill('SIGKILL');
            done();
          }
        }
      });
      child.on('close', () => done());
    });
    expect(runId).toBeDefined();
    expect(await readFile(join(project, 'src/age.ts'), 'utf8')).toContain(BUGGY_LINE);

    const resumed = await runCli(['resume', runId!, '--dir', project, '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const types = resumed.stdout
      .trim()
      .split('\n')
      .map((line) => ImprovementEventSchema.parse(JSON.parse(line)).type);
    expect(types).toEqual(expect.arrayContaining(['patch-kept', 'summary', 'run-finish']));
    expect(await readFile(join(project, 'src/age.ts'), 'utf8')).toContain('return age >= 18;');
  });
});

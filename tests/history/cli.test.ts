import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunRecordSchema } from '../../src/contract/history.ts';
import { CLI, NODE, runCli, tempDir } from '../cli/support/cli.ts';
import { projectWithHistory } from './records.ts';

describe('improve history, runs and report over a recorded history', () => {
  it('prints one line per run, oldest first, with tests, coverage, findings H/M/L and changes kept', async () => {
    const dir = await tempDir();
    const runs = await projectWithHistory(dir);
    const { code, stdout, stderr } = await runCli(['history', dir]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.split(/\s+/).at(-1))).toEqual(runs.map((r) => r.runId));
    expect(lines[0]).toMatch(/^2026-11-28 09:02 unchanged +tests 6\/10 +findings H3 M2 L1 +kept 0 /);
    expect(lines[2]).toMatch(/^2026-11-30 11:01 green +tests 9\/10 +cov 78\.3% +findings H0 M0 L1 +kept 1 /);
    // Not at a terminal: no sparklines.
    expect(stdout).not.toMatch(/[▁▂▃▄▅▆▇█]/);
  });

  it('--json prints the records, the documented shape; --limit keeps the latest', async () => {
    const dir = await tempDir();
    const runs = await projectWithHistory(dir);
    const { code, stdout } = await runCli(['history', dir, '--json', '--limit', '2']);
    expect(code).toBe(0);
    const parsed = RunRecordSchema.array().parse(JSON.parse(stdout));
    expect(parsed).toEqual(runs.slice(1));
  });

  it('draws trend sparklines at a terminal', async () => {
    const dir = await tempDir();
    await projectWithHistory(dir);
    // `script` gives the CLI a pseudo-terminal for stdout.
    const command = [NODE, '--disable-warning=ExperimentalWarning', CLI, 'history', dir].map((a) => `'${a}'`).join(' ');
    const { stdout, status } = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
    expect(status).toBe(0);
    expect(stdout).toMatch(/pass rate +▁▆█ +60\.0% → 90\.0%/);
    expect(stdout).toMatch(/duration +█▆▁ +4\.1 s → 3\.5 s/);
    expect(stdout).toMatch(/findings +█▄▁ +6 → 1/);
  });

  it('runs lists each run with its status, newest last; a missing store stays missing', async () => {
    const dir = await tempDir();
    const empty = await runCli(['runs', dir]);
    expect(empty).toMatchObject({ code: 0, stdout: `no runs in ${dir}\n` });
    expect(existsSync(path.join(dir, '.improve'))).toBe(false);

    const runs = await projectWithHistory(dir);
    const { code, stdout } = await runCli(['runs', dir]);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toEqual(
      runs.map((r) => `${r.startedAt.replace('T', ' ').slice(0, 16)}  ${r.status.padEnd(9)}  ${r.runId}`),
    );
  });

  it('report --html writes the self-contained page of the latest run, or of --run', async () => {
    const dir = await tempDir();
    const runs = await projectWithHistory(dir);
    const file = path.join(dir, 'report.html');
    await writeFile(file, 'an older report');
    const latest = await runCli(['report', dir, '--html', file]);
    expect(latest).toMatchObject({ code: 0, stdout: `wrote ${file}\n` });
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('the bounds are inclusive: &lt;lo&gt; &amp; &lt;hi&gt; belong to the range');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script src|<link /);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);

    const older = await runCli(['report', dir, '--html', file, '--run', runs[0]!.runId]);
    expect(older.code).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('Changes kept');
  });

  it.each([
    [['history'], /^improve: missing project directory: improve history <dir>/],
    [['report', '.'], /^improve: improve report needs a file to write/],
    [['runs', '.', '--limit', '2'], /^improve: --limit is not an option of improve runs/],
    [['history', '.', '--learned', '--reset-learned'], /^improve: --learned and --reset-learned do not go together/],
    [['history', '/no/such/dir'], /^improve: project directory not found: \/no\/such\/dir$/],
    [['report', '.', '--html', '/no/such/dir/r.html'], /^improve: --html: directory not found: \/no\/such\/dir$/],
  ])('%j is a one-line usage error, exit 2', async (argv, message) => {
    const { code, stderr, stdout } = await runCli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd()).not.toContain('\n');
    expect(stderr.trimEnd()).toMatch(message);
  });

  it('report --run of a run that is not there says so, exit 2', async () => {
    const dir = await tempDir();
    await projectWithHistory(dir);
    const { code, stderr } = await runCli(['report', dir, '--html', path.join(dir, 'r.html'), '--run', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toBe(`improve: no run nope in ${dir}\n`);
  });
});

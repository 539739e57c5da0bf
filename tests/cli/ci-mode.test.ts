import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotations, writeOutputs } from '../../src/cli/github-actions.ts';
import { projectCopy, ROOT, runCli, tempDir } from './support/cli.ts';

/** The GITHUB_OUTPUT file as the runner reads it: `name=value` lines and `name<<DELIMITER` blocks. */
function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const block = /^([\w-]+)<<(.+)$/.exec(lines[i]!);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      expect(end, `no closing delimiter for ${block[1]}`).toBeGreaterThan(i);
      outputs[block[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i]) {
      const [name, ...value] = lines[i]!.split('=');
      outputs[name!] = value.join('=');
    }
  }
  return outputs;
}

describe('GitHub workflow commands', () => {
  it('annotate High findings as errors and Medium ones as warnings, escaped as GitHub documents', () => {
    const lines = annotations(
      [
        { category: 'failure', priority: 'high', file: 'src/a,b.ts', line: 3, message: '100% wrong:\nexpected 1' },
        { category: 'quality', priority: 'medium', message: 'no tests run the parser' },
        { category: 'quality', priority: 'low', file: 'src/x.ts', message: 'unused export' },
      ],
      '/repo/packages/api',
      '/repo',
    );
    expect(lines).toEqual([
      '::error file=packages/api/src/a%2Cb.ts,line=3,title=recursive-improve%3A failure (high)::100%25 wrong:%0Aexpected 1',
      '::warning title=recursive-improve%3A quality (medium)::no tests run the parser',
    ]);
  });

  it('write outputs that survive any value, appended to what other steps wrote', async () => {
    const file = path.join(await tempDir(), 'output');
    await writeFile(file, 'earlier=kept\n');
    await writeOutputs(file, { status: 'green', 'pr-url': '', report: '/a/report.json\nstatus=forged' });
    expect(readOutputs(await readFile(file, 'utf8'))).toEqual({
      earlier: 'kept',
      status: 'green',
      'pr-url': '',
      report: '/a/report.json\nstatus=forged',
    });
  });
});

describe('improve in CI mode (CI=true)', () => {
  it('says why a run could not start where the pipeline looks: an annotation and status=failed', async () => {
    const output = path.join(await tempDir(), 'output');
    const run = await runCli(['/nowhere/at/all'], { env: { CI: 'true', GITHUB_OUTPUT: output } });
    expect(run.code).toBe(2);
    expect(run.stdout.trim()).toMatch(/^::error title=recursive-improve::project directory not found: \/nowhere\/at\/all/);
    expect(readOutputs(await readFile(output, 'utf8'))).toEqual({ status: 'failed', 'pr-url': '', report: '' });
    // --no-ci: a person's terminal output, nothing for a pipeline.
    const quiet = await runCli(['/nowhere/at/all', '--no-ci'], { env: { CI: 'true', GITHUB_OUTPUT: output } });
    expect(quiet.stdout).toBe('');
  });

  it('prints plain grouped lines and annotations, and writes the step summary and outputs', async () => {
    const dir = await projectCopy(path.join(ROOT, 'examples/buggy'));
    const files = await tempDir();
    const env = {
      CI: 'true',
      GITHUB_OUTPUT: path.join(files, 'output'),
      GITHUB_STEP_SUMMARY: path.join(files, 'summary.md'),
      GITHUB_WORKSPACE: path.dirname(dir),
    };
    // One cycle cannot fix three faults: the run ends with failures left to annotate.
    const run = await runCli([dir, '--max-iterations', '1'], { env });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).not.toMatch(/\x1b\[/);

    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('::group::Baseline: test run and analysis');
    expect(lines).toContain('::group::Iteration 1');
    expect(lines).toContain('::group::Confirming run on a fresh copy');
    expect(lines.filter((line) => line.startsWith('::group::')).length).toBe(lines.filter((line) => line === '::endgroup::').length);

    const outputs = readOutputs(await readFile(env.GITHUB_OUTPUT, 'utf8'));
    expect(outputs.status).toBe('improved');
    expect(outputs['pr-url']).toBe('');
    const report = JSON.parse(await readFile(outputs.report!, 'utf8'));
    expect(existsSync(outputs.report!)).toBe(true);

    const errors = lines.filter((line) => line.startsWith('::error '));
    const high = report.findings.filter((f: { priority: string }) => f.priority === 'high');
    expect(high.length).toBeGreaterThan(0);
    expect(errors).toHaveLength(high.length);
    for (const error of errors) {
      // The file is named from the workspace's top, as GitHub places annotations.
      const [, file] = /^::error file=([^,]+),line=\d+,title=recursive-improve%3A failure \(high\)::\S/.exec(error) ?? [];
      expect(file, error).toMatch(new RegExp(`^${path.basename(dir)}/`));
      expect(existsSync(path.join(env.GITHUB_WORKSPACE, file!))).toBe(true);
    }

    const summary = await readFile(env.GITHUB_STEP_SUMMARY, 'utf8');
    expect(summary).toContain(`# Improvement run ${report.runId}`);
    expect(summary).toContain('## Still open');
  }, 300_000);
});

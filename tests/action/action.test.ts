/**
 * The GitHub Action (action.yml): its shape, then its run steps as a runner runs them, on a copy of
 * this repository as the action's checkout (the install step runs npm there) and a copy of
 * examples/buggy as the project, to a green run with the outputs and step summary a workflow reads.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { nodeModulesFor } from '../support/node-modules.ts';
import { type ExpressionContext, parseOutputFile, readAction, resolveInputs, runSteps } from './composite-runner.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const BUGGY = path.join(REPO, 'examples/buggy');
const action = readAction(path.join(REPO, 'action.yml'));
const steps = action.runs.steps;
const improveStep = steps.find((step) => step.id === 'improve');

/** The improve step's env name for each input passed on as a CLI option (github-token goes in as GITHUB_TOKEN). */
const CLI_INPUTS = [
  'path',
  'write',
  'pr',
  'pr-min-priority',
  'remote',
  'test-command',
  'project',
  'max-iterations',
  'time-budget',
  'suggester',
  'sandbox',
];
const envName = (input: string) => `INPUT_${input.toUpperCase().replaceAll('-', '_')}`;

describe('action.yml', () => {
  it('is a composite action with the inputs the CLI takes, the token and the Node version', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual([...CLI_INPUTS, 'github-token', 'node-version'].sort());
    expect(action.inputs).toMatchObject({
      path: { default: '.' },
      'github-token': { default: '${{ github.token }}' },
      'node-version': { default: '24' },
    });
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toMatch(/\w/);
  });

  it('maps each output to the improve step’s output of the same name', () => {
    expect(Object.fromEntries(Object.entries(action.outputs).map(([name, output]) => [name, output.value]))).toEqual({
      status: '${{ steps.improve.outputs.status }}',
      'pr-url': '${{ steps.improve.outputs.pr-url }}',
      report: '${{ steps.improve.outputs.report }}',
    });
  });

  it('sets up Node with the node-version input before anything runs', () => {
    expect(steps[0]).toEqual({ uses: 'actions/setup-node@v4', with: { 'node-version': '${{ inputs.node-version }}' } });
    expect(steps.slice(1).every((step) => step.uses === undefined)).toBe(true);
  });

  it('never expands an expression into a script: inputs reach the improve step through env', () => {
    for (const step of steps.filter((s) => s.run !== undefined)) expect(step.run, step.name).not.toContain('${{');
    expect(improveStep?.env).toEqual({
      ...Object.fromEntries(CLI_INPUTS.map((input) => [envName(input), `\${{ inputs.${input} }}`])),
      GITHUB_TOKEN: '${{ inputs.github-token }}',
    });
    expect(improveStep?.run).toContain('node "$GITHUB_ACTION_PATH/bin/improve.js" "$INPUT_PATH"');
    expect(improveStep?.run?.trim()).toMatch(/ --ci$/);
  });
});

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('examples/github/improve.yml', () => {
  const workflow = parse(readFileSync(path.join(REPO, 'examples/github/improve.yml'), 'utf8'));
  const job = workflow.jobs.improve;
  const uses = job.steps.find((step: { uses?: string }) => step.uses?.endsWith('/recursive-improve@v1'));

  it('runs on a schedule, by hand and after a failed CI run of a push, with the permissions a pull request needs', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch', 'workflow_run']);
    expect(workflow.on.workflow_run.types).toEqual(['completed']);
    expect(job.if).toContain("github.event.workflow_run.conclusion == 'failure'");
    expect(job.if).toContain("github.event.workflow_run.event == 'push'");
    expect(workflow.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
  });

  it('checks out the full history, installs the project, then uses the action with inputs it declares', () => {
    const names = job.steps.map((step: { uses?: string; run?: string }) => step.uses ?? step.run);
    expect(names.indexOf('npm ci')).toBeLessThan(names.indexOf(uses.uses));
    expect(job.steps[0]).toEqual({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(uses.with.pr).toBe(true);
    for (const input of Object.keys(uses.with)) expect(action.inputs).toHaveProperty([input]);
  });
});

describe('README.md, "In GitHub Actions"', () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## In GitHub Actions\n'), readme.indexOf('\n## In a Mastra app\n'));
  /** The first column's names of the table whose header starts with `header`. */
  const tableNames = (header: string) => {
    const table = section.slice(section.indexOf(`| ${header}`)).split('\n\n')[0]!;
    return [...table.matchAll(/^\| `([\w-]+)`/gm)].map((row) => row[1]);
  };

  it('lists every input and output of action.yml, and nothing else', () => {
    expect(section).toContain('## In GitHub Actions');
    expect(tableNames('input').sort()).toEqual(Object.keys(action.inputs).sort());
    expect(tableNames('output').sort()).toEqual(Object.keys(action.outputs).sort());
  });
});

/** A scratch folder for one run of the action: workspace, outputs, scripts and the action's checkout. */
function scratchRun() {
  const root = mkdtempSync(path.join(tmpdir(), 'improve-action-'));
  made.push(root);
  const dirs = {
    root,
    workspace: path.join(root, 'workspace'),
    scripts: path.join(root, 'scripts'),
    actionPath: path.join(root, 'action'),
  };
  for (const dir of [dirs.workspace, dirs.scripts]) mkdirSync(dir);
  const output = path.join(root, 'github-output');
  const summary = path.join(root, 'step-summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  return { ...dirs, output, summary };
}
/**
 * The action's checkout as `uses: owner/recursive-improve@ref` fetches it: the repository's files,
 * without node_modules or anything ignored. Untracked files that are not ignored come along, so that
 * a working tree with new files runs as it would once committed.
 */
function checkoutOfThisRepository(into: string): void {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
  for (const file of new Set(listed.split('\0').filter(Boolean))) {
    const from = path.join(REPO, file);
    if (existsSync(from)) cpSync(from, path.join(into, file), { verbatimSymlinks: true });
  }
}

/** The job's environment on a runner: CI, the workflow-command files, Node on PATH as setup-node leaves it; no model or E2B key. */
function jobEnv(run: ReturnType<typeof scratchRun>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    // npm's settings from an enclosing `npm test` are not the runner's; nor are the keys that would pick a model or E2B.
    if (!/^npm_/i.test(name) && !['OPENAI_API_KEY', 'E2B_API_KEY', 'IMPROVE_MODEL'].includes(name)) env[name] = value;
  }
  return {
    ...env,
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: run.workspace,
    GITHUB_ACTION_PATH: run.actionPath,
    GITHUB_OUTPUT: run.output,
    GITHUB_STEP_SUMMARY: run.summary,
  };
}

const TOKEN = 'ghs_token-of-the-workflow';

async function runAction(run: ReturnType<typeof scratchRun>, given: Record<string, string>, only = steps) {
  const base: Omit<ExpressionContext, 'inputs'> = { actionPath: run.actionPath, token: TOKEN };
  const context = { ...base, inputs: resolveInputs(action, given, base) };
  return runSteps(only, {
    context,
    env: jobEnv(run),
    workspace: run.workspace,
    scripts: run.scripts,
    provided: (uses) => uses.startsWith('actions/setup-node@'),
  });
}

const ESCAPE = '\u001b';

describe('the action, run step by step as a runner runs it', () => {
  it('refuses a switch that is neither true nor false, as a usage error with an annotation', async () => {
    const run = scratchRun();
    const [improve] = await runAction(run, { write: 'yes' }, [improveStep!]);
    expect(improve?.code).toBe(2);
    expect(improve?.stdout).toBe("::error title=recursive-improve::input write must be true or false, got 'yes'\n");
  });

  it('installs itself in its checkout and fixes a copy of examples/buggy to green, with the outputs and step summary set', async () => {
    const run = scratchRun();
    checkoutOfThisRepository(run.actionPath);
    // The project as a workflow has it after checkout and `npm ci`: its own dependencies installed.
    const project = path.join(run.workspace, 'shop');
    cpSync(BUGGY, project, { recursive: true, filter: (from) => !/[/\\](node_modules|\.improve)$/.test(from) });
    symlinkSync(nodeModulesFor(BUGGY), path.join(project, 'node_modules'));

    const runs = await runAction(run, { path: 'shop', write: 'true' });
    const [install, bubblewrap, improve] = runs;
    expect(runs.map((r) => r.step.name)).toEqual(['Install recursive-improve', 'Install bubblewrap', 'Improve']);
    expect(install?.code, install?.stderr).toBe(0);
    // This machine has bubblewrap: the step leaves it be.
    expect(bubblewrap).toMatchObject({ code: 0, stdout: '' });
    expect(existsSync(path.join(run.actionPath, 'node_modules/@mastra/core/package.json'))).toBe(true);
    expect(improve?.code, `${improve?.stdout}\n${improve?.stderr}`).toBe(0);
    expect(improve?.stdout).not.toContain(ESCAPE);

    const outputs = parseOutputFile(readFileSync(run.output, 'utf8'));
    expect(outputs).toMatchObject({ status: 'green', 'pr-url': '' });
    expect(path.isAbsolute(outputs.report ?? '')).toBe(true);
    const report = JSON.parse(readFileSync(outputs.report!, 'utf8'));
    expect(report).toMatchObject({ status: 'green', writeMode: 'write', final: { failed: 0 } });
    // write: true wrote the fixes into the workspace's project.
    expect(report.written.length).toBeGreaterThan(0);
    for (const file of report.written)
      expect(readFileSync(path.join(project, file), 'utf8')).not.toBe(readFileSync(path.join(BUGGY, file), 'utf8'));

    const summary = readFileSync(run.summary, 'utf8');
    expect(summary).toContain(readFileSync(path.join(report.artifactsDir, 'summary.md'), 'utf8').trim());
  }, 600_000);
});

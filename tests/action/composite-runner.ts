/**
 * A composite action's `run:` steps run here as a GitHub runner runs them: in order, each with bash
 * as `bash --noprofile --norc -eo pipefail <script file>`, its `env:` evaluated first, and
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files shared by the steps. Only the expressions the action is
 * meant to need are known; any other is an error, so the action cannot quietly come to depend on more.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface ActionInput {
  description: string;
  default?: string;
  required?: boolean;
}

export interface ActionStep {
  id?: string;
  name?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

export interface CompositeAction {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export const readAction = (file: string): CompositeAction => parse(readFileSync(file, 'utf8')) as CompositeAction;

/** What `${{ }}` may name: the action's inputs, its own checkout and the workflow's token. */
export interface ExpressionContext {
  inputs: Record<string, string>;
  actionPath: string;
  token: string;
}

/** Replaces each `${{ … }}` in `text`; throws on an expression outside the context. */
export function evaluate(text: string, context: ExpressionContext): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_whole, expression: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input) {
      const value = context.inputs[input[1]!];
      if (value === undefined) throw new Error(`\${{ ${expression} }}: the action declares no input ${input[1]}`);
      return value;
    }
    if (expression === 'github.action_path') return context.actionPath;
    if (expression === 'github.token') return context.token;
    throw new Error(`\${{ ${expression} }}: not an expression this runner evaluates`);
  });
}

/** The inputs as the runner hands them to the steps: the given ones, else the declared default (itself evaluated), else ''. */
export function resolveInputs(action: CompositeAction, given: Record<string, string>, context: Omit<ExpressionContext, 'inputs'>) {
  const unknown = Object.keys(given).filter((name) => !(name in action.inputs));
  if (unknown.length > 0) throw new Error(`the action has no input ${unknown.join(', ')}`);
  return Object.fromEntries(
    Object.entries(action.inputs).map(([name, input]) => [name, given[name] ?? evaluate(input.default ?? '', { ...context, inputs: {} })]),
  );
}

export interface StepRun {
  step: ActionStep;
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBash(scriptFile: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Omit<StepRun, 'step'>> {
  return new Promise((done, fail) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

export interface RunOptions {
  context: ExpressionContext;
  /** The job's environment (GITHUB_WORKSPACE, GITHUB_OUTPUT, …); each step's `env:` goes on top. */
  env: NodeJS.ProcessEnv;
  /** Where run steps start unless they say otherwise: the workspace. */
  workspace: string;
  /** Folder for the script files. */
  scripts: string;
  /** `uses:` steps whose effect the environment already provides (e.g. setup-node: Node on PATH). */
  provided: (uses: string) => boolean;
}

/** Runs the `run:` steps in order and stops at the first that fails, as the runner does. */
export async function runSteps(steps: ActionStep[], options: RunOptions): Promise<StepRun[]> {
  const runs: StepRun[] = [];
  for (const [index, step] of steps.entries()) {
    if (step.uses !== undefined) {
      if (!options.provided(step.uses)) throw new Error(`step ${index}: uses ${step.uses}, which this runner cannot stand in for`);
      continue;
    }
    if (step.shell !== 'bash') throw new Error(`step ${index}: shell ${step.shell}, expected bash`);
    const scriptFile = path.join(options.scripts, `step-${index}.sh`);
    writeFileSync(scriptFile, step.run ?? '');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, evaluate(value, options.context)]));
    const cwd = step['working-directory']
      ? path.resolve(options.workspace, evaluate(step['working-directory'], options.context))
      : options.workspace;
    const run = { step, ...(await runBash(scriptFile, cwd, { ...options.env, ...stepEnv })) };
    runs.push(run);
    if (run.code !== 0) break;
  }
  return runs;
}

/** A GITHUB_OUTPUT file's values: `name=value` lines and `name<<DELIMITER` … `DELIMITER` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: ${block[1]}'s delimiter ${block[2]} never closes`);
      outputs[block[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    } else if (line !== '') {
      throw new Error(`GITHUB_OUTPUT: not an output line: ${line}`);
    }
  }
  return outputs;
}

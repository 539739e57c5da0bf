import { readFileSync, statSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { IMPROVE_WORKFLOW_ID } from '../../workflows/improve.ts';
import type { ImprovementEvent } from '../events/improvement-event.ts';
import { createImproveMastra, type ImproveMastra } from '../improve/mastra.ts';
import type { ImproveOptionsInput } from '../improve/options.ts';
import type { ImprovementReport } from '../improve/report.ts';
import {
  type ImprovementOutcome,
  ImproveOptionsError,
  ImproveRunStateError,
  restartImprovement,
  resumeImprovement,
  runImprovement,
} from '../improve/run.ts';
import { ApprovalRequestSchema } from '../improve/cycle-data.ts';
import { SandboxError } from '../sandbox/errors.ts';
import { askApproval } from './approval-prompt.ts';
import { type CliArgs, type ImproveArgs, parseCliArgs, USAGE, UsageError } from './args.ts';
import { createRenderer, type Renderer } from './render.ts';

export const EXIT = { green: 0, failing: 1, usage: 2 } as const;

function existingDir(dir: string): string {
  const abs = resolve(dir);
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    throw new UsageError(`project directory not found: ${dir}`);
  }
  if (!isDir) throw new UsageError(`not a directory: ${dir}`);
  return abs;
}

function improveOptions(args: ImproveArgs, projectDir: string): ImproveOptionsInput {
  return {
    projectDir,
    sandbox: args.sandbox,
    suggester: args.suggester,
    maxIterations: args.maxIterations,
    patience: args.patience,
    approval: args.approve ? 'manual' : 'auto',
    writeMode: args.write ? 'write' : 'dry-run',
    ...(args.testCommand !== undefined && { testCommand: args.testCommand }),
    ...(args.timeBudgetSeconds !== undefined && { timeBudgetSeconds: args.timeBudgetSeconds }),
  };
}

interface Session {
  mastra: ImproveMastra;
  renderer: Renderer;
  onEvent: (event: ImprovementEvent) => void;
}

function openSession(projectDir: string, json: boolean): Session {
  const renderer = createRenderer(json ? 'json' : process.stdout.isTTY ? 'tty' : 'lines', process.stdout);
  const mastra = createImproveMastra({ storeDir: join(projectDir, '.improve'), logger: false });
  return { mastra, renderer, onEvent: (event) => renderer.onEvent(event) };
}

/** Asks for each change the run suspends on, until it finishes or input runs out. */
async function settle(outcome: ImprovementOutcome, session: Session, projectDir: string): Promise<ImprovementOutcome> {
  while (outcome.status === 'suspended') {
    session.renderer.close();
    const approved = await askApproval(outcome.approval, process.stdin, process.stderr);
    if (approved === undefined) {
      console.error(`\nrun ${outcome.runId} waits for approval; continue it with: improve resume ${outcome.runId} --dir ${projectDir}`);
      return outcome;
    }
    outcome = await resumeImprovement(outcome.runId, { approved }, session);
  }
  return outcome;
}

/** Writes the report next to its final name first, so a crash never leaves half a file. */
async function writeReport(file: string, report: ImprovementReport): Promise<void> {
  const target = resolve(file);
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(report, null, 2)}\n`);
  await rename(temporary, target);
}

async function finish(outcome: ImprovementOutcome, session: Session, reportFile: string | undefined): Promise<number> {
  session.renderer.close();
  if (outcome.status === 'failed') {
    console.error(`improve: run ${outcome.runId} failed: ${outcome.error}`);
    return EXIT.failing;
  }
  if (outcome.status === 'suspended') return EXIT.failing;
  const { report } = outcome;
  if (reportFile) await writeReport(reportFile, report);
  if (report.writeError) console.error(`improve: nothing was written back: ${report.writeError}`);
  const green = !report.final.error && report.final.failed === 0 && report.final.total > 0;
  return green ? EXIT.green : EXIT.failing;
}

async function improve(args: ImproveArgs): Promise<number> {
  const projectDir = existingDir(args.dir);
  const session = openSession(projectDir, args.json);
  const outcome = await runImprovement(improveOptions(args, projectDir), session);
  return finish(await settle(outcome, session, projectDir), session, args.report);
}

/** Continues a run that waits for approval, or one whose process died mid-step. */
async function resumeRun(args: Extract<CliArgs, { command: 'resume' }>): Promise<number> {
  const projectDir = existingDir(args.dir);
  const session = openSession(projectDir, args.json);
  const stored = await session.mastra.getWorkflow(IMPROVE_WORKFLOW_ID).getWorkflowRunById(args.runId);
  if (!stored) throw new UsageError(`no run ${args.runId} in ${join(projectDir, '.improve')}`);
  let outcome: ImprovementOutcome;
  if (stored.status === 'running') outcome = await restartImprovement(args.runId, session);
  else if (stored.status === 'suspended') {
    const approval = findApproval(stored);
    if (!approval) throw new UsageError(`run ${args.runId} is suspended but its approval request could not be read`);
    outcome = await settle({ status: 'suspended', runId: args.runId, approval }, session, projectDir);
  } else throw new UsageError(`run ${args.runId} has nothing to resume (status: ${stored.status})`);
  return finish(outcome, session, args.report);
}

/** The approval request stored with a suspended run, wherever Mastra nests it. */
function findApproval(value: unknown, depth = 0): ReturnType<typeof ApprovalRequestSchema.parse> | undefined {
  const direct = ApprovalRequestSchema.safeParse(value);
  if (direct.success) return direct.data;
  if (typeof value !== 'object' || value === null || depth > 8) return undefined;
  for (const child of Object.values(value)) {
    const found = findApproval(child, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Runs the CLI; returns the exit status. Expected failures print one line, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    switch (args.command) {
      case 'help':
        console.log(USAGE);
        return EXIT.green;
      case 'version':
        console.log(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
        return EXIT.green;
      case 'improve':
        return await improve(args);
      case 'resume':
        return await resumeRun(args);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ImproveOptionsError || error instanceof ImproveRunStateError || error instanceof SandboxError) {
      console.error(`improve: ${error.message}`);
      return EXIT.usage;
    }
    console.error(`improve: unexpected error: ${(error as Error).message ?? String(error)}`);
    return EXIT.failing;
  }
}

process.exitCode = await main(process.argv.slice(2));

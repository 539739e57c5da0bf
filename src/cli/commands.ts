// The commands that run the workflow; loaded only once the arguments are known to be good,
// so a usage error answers without loading Mastra.
import { rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { IMPROVE_WORKFLOW_ID } from '../../workflows/improve.ts';
import { createImproveMastra, type ImproveMastra } from '../api/improve-mastra.ts';
import { type ImprovementOutcome, restartImprovement, resumeImprovement, runImprovement } from '../api/run-improvement.ts';
import { ApprovalRequestSchema } from '../contract/approval.ts';
import type { ImproveOptionsInput } from '../contract/options.ts';
import type { ImprovementReport } from '../contract/report.ts';
import type { ImprovementEvent } from '../events/improvement-event.ts';
import { registrationFor } from '../suggest/registry.ts';
import { askApproval } from './approval-prompt.ts';
import { type CliArgs, type ImproveArgs, UsageError } from './args.ts';
import { EXIT } from './exit.ts';
import { createRenderer, type Renderer } from './render.ts';

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

/** `projectDir` is the absolute, existing directory the arguments name. */
export async function improve(args: ImproveArgs, projectDir: string): Promise<number> {
  const session = openSession(projectDir, args.json);
  try {
    registrationFor(args.suggester); // a suggester that cannot work here is an input error, said before any test runs
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const outcome = await runImprovement(improveOptions(args, projectDir), session);
  return finish(await settle(outcome, session, projectDir), session, args.report);
}

/** Continues a run that waits for approval, or one whose process died mid-step. */
export async function resumeRun(args: Extract<CliArgs, { command: 'resume' }>, projectDir: string): Promise<number> {
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

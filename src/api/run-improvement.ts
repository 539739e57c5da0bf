import { existsSync } from 'node:fs';
import path from 'node:path';
import { IMPROVE_WORKFLOW_ID } from '../../workflows/improve.ts';
import { type ApprovalDecision, type ApprovalRequest, ApprovalRequestSchema } from '../contract/approval.ts';
import { ImproveRunStateError } from '../contract/errors.ts';
import { type ImproveOptionsInput, storeDirOf } from '../contract/options.ts';
import { type ImprovementReport, ImprovementReportSchema } from '../contract/report.ts';
import { mapChunk, toImprovementEvents } from '../events/from-chunks.ts';
import type { ImprovementEvent } from '../events/improvement-event.ts';
import { checkImprovementInput } from '../loop/check-input.ts';
import { releaseSandbox } from '../runtime/run-sandboxes.ts';
import { releaseSuggester } from '../runtime/run-suggesters.ts';
import { STORE_FILE } from '../store/storage.ts';
import { createImproveMastra, type ImproveMastra } from './improve-mastra.ts';

/** How a call to run, resume or restart ended. */
export type ImprovementOutcome =
  | { status: 'done'; runId: string; report: ImprovementReport }
  /** Manual approval: waiting for `resumeImprovement(runId, { approved })`. */
  | { status: 'suspended'; runId: string; approval: ApprovalRequest }
  | { status: 'failed'; runId: string; error: string };

export interface ImproveSession {
  /** Called for every event, in order; the run waits while it is busy (back-pressure). */
  onEvent?: (event: ImprovementEvent) => void | Promise<void>;
  /** Where the run's snapshots live: default `storeDirOf(projectDir)` (required to resume without `mastra`). */
  storeDir?: string;
  /** A Mastra instance from `createImproveMastra`; by default one per store directory is made. */
  mastra?: ImproveMastra;
}

/**
 * Runs the improvement workflow to its end or to its first approval: streams the run, maps each
 * Mastra chunk to an `ImprovementEvent` for `onEvent`, and returns the report (or the approval
 * request). Bad options, an unusable suggester and a project no run could improve (see
 * `checkProject`) throw an input `ImproveError` before anything runs or is written.
 */
export async function runImprovement(options: ImproveOptionsInput, session: ImproveSession = {}): Promise<ImprovementOutcome> {
  const checked = await checkImprovementInput(options);
  const mastra = session.mastra ?? mastraFor(session.storeDir ?? storeDirOf(checked.projectDir));
  const run = await mastra.getWorkflow(IMPROVE_WORKFLOW_ID).createRun();
  const output = run.stream({ inputData: checked, closeOnSuspend: true });
  await forward(output.fullStream, session.onEvent);
  return outcomeOf(run.runId, await output.result);
}

/** Continues a run suspended for approval, in this process or any other with the same store. */
export async function resumeImprovement(runId: string, decision: ApprovalDecision, session: ImproveSession): Promise<ImprovementOutcome> {
  const workflow = sessionMastra(session).getWorkflow(IMPROVE_WORKFLOW_ID);
  const stored = await workflow.getWorkflowRunById(runId);
  if (stored?.status !== 'suspended') {
    throw new ImproveRunStateError(
      `run ${runId} is not waiting for approval (${stored ? `status: ${stored.status}` : 'no such run in this store'})`,
    );
  }
  const run = await workflow.createRun({ runId });
  const output = run.resumeStream({ resumeData: decision });
  await forward(output.fullStream, session.onEvent);
  return outcomeOf(runId, await output.result);
}

/**
 * Continues a run whose process died mid-step (it still reads "running" in the store): Mastra
 * re-runs the unfinished step, the sandbox is rebuilt from the project plus the edits the loop
 * state records. Mastra's restart emits only the steps' own events: those arrive, then `run-finish`.
 */
export async function restartImprovement(runId: string, session: ImproveSession): Promise<ImprovementOutcome> {
  const workflow = sessionMastra(session).getWorkflow(IMPROVE_WORKFLOW_ID);
  const stored = await workflow.getWorkflowRunById(runId);
  if (stored?.status !== 'running') {
    throw new ImproveRunStateError(
      `run ${runId} was not interrupted (${stored ? `status: ${stored.status}` : 'no such run in this store'})`,
    );
  }
  const run = await workflow.createRun({ runId });
  let delivered = Promise.resolve();
  const result = await run.restart({
    outputWriter: async (chunk: unknown) => {
      const event = mapChunk(typeof chunk === 'object' && chunk !== null ? { runId, ...chunk } : chunk);
      delivered = delivered.then(() => session.onEvent?.(event));
      await delivered;
    },
  });
  // Mastra's restart streams no workflow-finish chunk: end the event stream the way a run does.
  await delivered;
  await session.onEvent?.(
    mapChunk({
      type: 'workflow-finish',
      runId,
      payload: { workflowStatus: result.status, finalWorkflowResult: result.status === 'success' ? result.result : undefined },
    }),
  );
  return outcomeOf(runId, result);
}

/**
 * Picks a stored run up again, whatever stopped it: a run whose process died mid-step is restarted
 * (`restartImprovement`); a run waiting for approval comes back as `suspended` with its request, to
 * answer with `resumeImprovement`. Anything else is an `ImproveRunStateError`; a store that does
 * not exist is not created.
 */
export async function continueImprovement(runId: string, session: ImproveSession): Promise<ImprovementOutcome> {
  const missing = () => new ImproveRunStateError(`no run ${runId} in ${session.storeDir ? path.resolve(session.storeDir) : 'this store'}`);
  // Looking a run up must not leave a store where there was none.
  if (!session.mastra && session.storeDir && !existsSync(path.join(session.storeDir, STORE_FILE))) throw missing();
  const stored = await sessionMastra(session).getWorkflow(IMPROVE_WORKFLOW_ID).getWorkflowRunById(runId);
  if (!stored) throw missing();
  if (stored.status === 'running') return restartImprovement(runId, session);
  if (stored.status !== 'suspended') throw new ImproveRunStateError(`run ${runId} has nothing to resume (status: ${stored.status})`);
  const approval = findApproval(stored);
  if (!approval) throw new ImproveRunStateError(`run ${runId} is suspended but its approval request could not be read`);
  return { status: 'suspended', runId, approval };
}

const instances = new Map<string, ImproveMastra>();

/** One Mastra instance per store directory in this process, so resumes find their runs' workflow objects. */
function mastraFor(storeDir: string): ImproveMastra {
  const dir = path.resolve(storeDir);
  let mastra = instances.get(dir);
  if (!mastra) {
    mastra = createImproveMastra({ storeDir: dir, logger: false });
    instances.set(dir, mastra);
  }
  return mastra;
}

function sessionMastra(session: ImproveSession): ImproveMastra {
  if (session.mastra) return session.mastra;
  if (!session.storeDir) throw new ImproveRunStateError('a store directory (or a Mastra instance) is needed to find the run');
  return mastraFor(session.storeDir);
}

async function forward(chunks: AsyncIterable<unknown>, onEvent: ImproveSession['onEvent']): Promise<void> {
  for await (const event of toImprovementEvents(chunks)) await onEvent?.(event);
}

type WorkflowResult = { status: string; result?: unknown; error?: unknown; suspendPayload?: unknown };

async function outcomeOf(runId: string, result: WorkflowResult): Promise<ImprovementOutcome> {
  // Nothing runs until someone resumes, maybe hours later or in another process: a suspended run
  // holds no sandbox (the next step rebuilds it from the project and the recorded edits).
  releaseSuggester(runId);
  await releaseSandbox(runId);
  if (result.status === 'success') return { status: 'done', runId, report: ImprovementReportSchema.parse(result.result) };
  const approval = result.status === 'suspended' ? findApproval(result.suspendPayload) : undefined;
  if (approval) return { status: 'suspended', runId, approval };
  return { status: 'failed', runId, error: errorMessage(result) };
}

/**
 * The approval request in a suspend payload or a stored run, wherever Mastra nests it (a nested
 * workflow's payload sits under the nested workflow's id; a stored run under its steps).
 */
function findApproval(value: unknown, depth = 0): ApprovalRequest | undefined {
  const direct = ApprovalRequestSchema.safeParse(value);
  if (direct.success) return direct.data;
  if (typeof value !== 'object' || value === null || depth > 8) return undefined;
  for (const child of Object.values(value)) {
    const found = findApproval(child, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function errorMessage(result: WorkflowResult): string {
  const { error } = result;
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return `the run ended with status ${result.status}`;
}

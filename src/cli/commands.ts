// The commands that run the workflow; loaded only once the arguments are known to be good,
// so a usage error answers without loading Mastra.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { checkImprovementInput, checkWritable } from '../api/input.ts';
import type { ImprovementOutcome, ImproveSession } from '../api/run-improvement.ts';
import type { ImproveOptionsInput } from '../contract/options.ts';
import { storeDirOf } from '../contract/options.ts';
import { askApproval } from './approval-prompt.ts';
import { type ImproveArgs, type ResumeArgs, UsageError } from './args.ts';
import { closingLines } from './closing.ts';
import { EXIT } from './exit.ts';
import { annotations, ciMode, escapeData, writeOutputs, writeStepSummary } from './github-actions.ts';
import { exitOnInterrupt } from './interrupt.ts';
import { createRenderer, type Renderer } from './render.ts';
import { checkReportTarget, writeReport } from './report-file.ts';

/** The runs themselves, loaded once the input is known to be good: they bring Mastra. */
const frontDoor = () => import('../api/run-improvement.ts');

/** Only what the user gave: everything left out takes the run's defaults. */
function improveOptions(args: ImproveArgs, projectDir: string): ImproveOptionsInput {
  return {
    projectDir,
    approval: args.approve ? 'manual' : 'auto',
    writeMode: args.write ? 'write' : 'dry-run',
    ...(args.sandbox !== undefined && { sandbox: args.sandbox }),
    ...(args.suggester !== undefined && { suggester: args.suggester }),
    ...(args.maxIterations !== undefined && { maxIterations: args.maxIterations }),
    ...(args.patience !== undefined && { patience: args.patience }),
    ...(args.testCommand !== undefined && { testCommand: args.testCommand }),
    ...(args.project !== undefined && { project: args.project }),
    ...(args.timeBudgetSeconds !== undefined && { timeBudgetSeconds: args.timeBudgetSeconds }),
    ...(args.pr && { pullRequest: true }),
    ...(args.prMinPriority !== undefined && { prMinPriority: args.prMinPriority }),
    ...(args.remote !== undefined && { remote: args.remote }),
  };
}

interface Session extends ImproveSession {
  projectDir: string;
  renderer: Renderer;
  json: boolean;
  ci: boolean;
  /** Known from the run's first event (or the command line, when resuming). */
  runId?: string;
}

/**
 * The run's store is the project's own; nothing is created until the run is known to be possible.
 * From here on an interrupt stops the run and says how to continue it.
 */
function openSession(projectDir: string, { json, ci }: { json: boolean; ci: boolean }, runId?: string): Session {
  const renderer = createRenderer(json ? 'json' : ci ? 'ci' : process.stdout.isTTY ? 'tty' : 'lines', process.stdout);
  const session: Session = {
    projectDir,
    renderer,
    json,
    ci,
    storeDir: storeDirOf(projectDir),
    ...(runId !== undefined && { runId }),
    onEvent: (event) => {
      session.runId ??= event.runId;
      return renderer.onEvent(event);
    },
  };
  exitOnInterrupt(() => {
    renderer.close();
    const id = session.runId;
    return id === undefined ? 'improve: interrupted' : `improve: interrupted; continue with: improve resume ${id} --dir ${projectDir}`;
  });
  return session;
}

/** Asks for each change the run suspends on, until it finishes or input runs out. */
async function settle(outcome: ImprovementOutcome, session: Session): Promise<ImprovementOutcome> {
  while (outcome.status === 'suspended') {
    session.renderer.close();
    const approved = await askApproval(outcome.approval, process.stdin, process.stderr);
    if (approved === undefined) {
      console.error(
        `\nrun ${outcome.runId} waits for approval; continue it with: improve resume ${outcome.runId} --dir ${session.projectDir}`,
      );
      return outcome;
    }
    outcome = await (await frontDoor()).resumeImprovement(outcome.runId, { approved }, session);
  }
  return outcome;
}

/** `improve resume --dir` names the project whose store holds the run: said plainly when it is not one. */
async function checkResumeDir(projectDir: string): Promise<void> {
  const info = await stat(projectDir).catch(() => undefined);
  if (!info) throw new UsageError(`project directory not found: ${projectDir}`);
  if (!info.isDirectory()) throw new UsageError(`not a directory: ${projectDir}`);
  await checkWritable(projectDir, 'dry-run');
}

async function finish(outcome: ImprovementOutcome, session: Session, reportFile: string | undefined): Promise<number> {
  session.renderer.close();
  if (session.ci) await reportToPipeline(outcome, session);
  if (outcome.status === 'failed') {
    console.error(`improve: run ${outcome.runId} failed: ${outcome.error}`);
    return EXIT.error;
  }
  if (outcome.status === 'suspended') return EXIT.awaitingApproval;
  const { report } = outcome;
  if (reportFile) await writeReport(reportFile, report);
  if (report.writeError) console.error(`improve: nothing was written back: ${report.writeError}`);
  // In --json the run-finish event carries the report: stdout stays one event per line.
  if (!session.json) console.log(closingLines(report, session.projectDir, reportFile).join('\n'));
  const published = report.published;
  if (published?.error) {
    const push = published.pushCommand ? `; the branch ${published.branch} is local, push it with: ${published.pushCommand}` : '';
    console.error(`improve: the pull request was not published: ${published.error}${push}`);
    return EXIT.publishFailed;
  }
  return report.status === 'green' ? EXIT.green : EXIT.failing;
}

/**
 * CI mode's words to the pipeline: the findings left as annotations (unless stdout is the JSON
 * event stream), and in GitHub Actions the job summary and the step's outputs.
 */
async function reportToPipeline(outcome: ImprovementOutcome, session: Session): Promise<void> {
  const report = outcome.status === 'done' ? outcome.report : undefined;
  const env = process.env;
  if (report && !session.json) {
    const lines = annotations(report.findings, session.projectDir, env.GITHUB_WORKSPACE || session.projectDir);
    if (report.published?.error) lines.push(`::error title=recursive-improve: pull request::${escapeData(report.published.error)}`);
    if (lines.length > 0) console.log(lines.join('\n'));
  }
  if (report && env.GITHUB_STEP_SUMMARY) await writeStepSummary(env.GITHUB_STEP_SUMMARY, report);
  if (env.GITHUB_OUTPUT) {
    await writeOutputs(env.GITHUB_OUTPUT, {
      status: report?.status ?? (outcome.status === 'suspended' ? 'awaiting-approval' : 'failed'),
      'pr-url': report?.published?.pullRequest?.url ?? '',
      report: report ? path.join(report.artifactsDir, 'report.json') : '',
    });
  }
}

/** `projectDir` is the absolute path of the directory the arguments name. */
export async function improve(args: ImproveArgs, projectDir: string): Promise<number> {
  if (args.pr && args.approve && !process.stdin.isTTY) {
    throw new UsageError('--pr with --approve needs a terminal to answer at: approve at a terminal, or publish without --approve');
  }
  await checkReportTarget(args.report);
  const options = await checkImprovementInput(improveOptions(args, projectDir));
  const session = openSession(projectDir, { json: args.json, ci: ciMode(args.ci, process.env) });
  const outcome = await (await frontDoor()).runImprovement(options, session);
  return finish(await settle(outcome, session), session, args.report);
}

/** Continues a run that waits for approval, or one whose process died mid-step. */
export async function resumeRun(args: ResumeArgs, projectDir: string): Promise<number> {
  await checkResumeDir(projectDir);
  await checkReportTarget(args.report);
  const session = openSession(projectDir, { json: args.json, ci: ciMode(args.ci, process.env) }, args.runId);
  const outcome = await (await frontDoor()).continueImprovement(args.runId, session);
  return finish(await settle(outcome, session), session, args.report);
}

import type { Priority } from '../contract/finding.ts';
import { PRIORITY_RANK } from '../contract/finding.ts';
import type { ImprovementReport, Publication } from '../contract/report.ts';
import { commandLine } from '../sandbox/shell.ts';
import { commitBranch } from './branch.ts';
import {
  CHANGE_REQUEST_LABEL,
  changeRequestBody,
  changeRequestTitle,
  changesFingerprint,
  changesMarker,
  commitMessage,
  type PublishedChange,
} from './change-request-text.ts';
import { createGitHubPublisher, gitHubSettings } from './github.ts';
import type { Publisher } from './publisher.ts';
import { type ProjectRepository, projectRepository, remoteUrl } from './repository.ts';

export interface PublishInput {
  projectDir: string;
  report: ImprovementReport;
  /** The kept changes, in the order they were kept, with their edits. */
  changes: readonly PublishedChange[];
  remote: string;
  minPriority: Priority;
  env: NodeJS.ProcessEnv;
}

/** The branch a run's changes go on: `improve/` and the run id's first part. */
export const branchFor = (runId: string) => `improve/${runId.split('-')[0]!.slice(0, 12)}`;

/**
 * Publishes a run's kept changes when one reaches `minPriority`: a branch from HEAD with one commit
 * per change, pushed to `remote`, and a draft pull request, or an update of the open one that
 * carries the same changes. Never throws: what failed is the publication's `error`, and a branch
 * that could not be pushed stays local with the command that pushes it.
 */
export async function publishImprovements(input: PublishInput): Promise<Publication> {
  const { changes, minPriority, report } = input;
  if (changes.length === 0) return { skipped: 'no change was kept' };
  if (!changes.some((change) => PRIORITY_RANK[change.priority] <= PRIORITY_RANK[minPriority])) {
    return { skipped: `no kept change is of priority ${minPriority} or higher` };
  }
  let publisher: Publisher;
  let baseRef: string | undefined;
  let repository: ProjectRepository;
  try {
    repository = await projectRepository(input.projectDir);
    const settings = gitHubSettings(input.env, { name: input.remote, url: await remoteUrl(repository, input.remote) });
    baseRef = settings.baseRef;
    publisher = await createGitHubPublisher(settings);
  } catch (error) {
    return { error: messageOf(error) };
  }

  const branch = branchFor(report.runId);
  let commits: string[];
  try {
    commits = await commitBranch(
      repository,
      branch,
      changes.map((change) => ({ message: commitMessage(change, report.runId), edits: change.edits })),
    );
  } catch (error) {
    return { error: `could not commit the changes on ${branch}: ${messageOf(error)}` };
  }

  const fingerprint = changesFingerprint(changes);
  const text = { title: changeRequestTitle(changes), body: changeRequestBody(report, changes, fingerprint), label: CHANGE_REQUEST_LABEL };
  let head = branch;
  const push = () => ['-C', repository.root, 'push', '--force', input.remote, `refs/heads/${branch}:refs/heads/${head}`];
  const notPushed = (error: unknown): Publication => ({
    branch,
    commits,
    error: messageOf(error),
    pushCommand: commandLine('git', push()),
  });
  let base: string;
  let existing: Awaited<ReturnType<Publisher['findOpen']>>;
  try {
    base = baseRef ?? (await publisher.defaultBranch());
    existing = await publisher.findOpen(changesMarker(fingerprint));
    // The same changes as an open request: its branch gets them, so it is updated, not doubled.
    if (existing) head = existing.head;
  } catch (error) {
    return notPushed(error);
  }
  try {
    await repository.git.run(push().slice(2));
  } catch (error) {
    return notPushed(`could not push ${branch} to ${input.remote}: ${messageOf(error)}`);
  }
  try {
    const request = existing ? await publisher.update(existing, { ...text, base }) : await publisher.open({ ...text, head, base });
    return { branch: head, commits, pullRequest: { number: request.number, url: request.url, updated: existing !== undefined } };
  } catch (error) {
    return { branch: head, commits, error: `${messageOf(error)}; the branch ${head} is pushed to ${input.remote}` };
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

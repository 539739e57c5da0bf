import { ImproveError } from '../contract/errors.ts';
import { gitHubSettings } from './github.ts';
import { projectRepository, remoteUrl, uncommittedFiles } from './repository.ts';

const LISTED = 5;

/**
 * What `--pr` needs, checked before the loop runs so a long run does not end in a refusal: a git
 * repository with a commit, no uncommitted changes in files the run could touch (the branch starts
 * from HEAD), the remote, a token and a repository to open the pull request in. Throws an input error.
 */
export async function checkPublishable(projectDir: string, remote: string, env: NodeJS.ProcessEnv): Promise<void> {
  const repository = await projectRepository(projectDir);
  const uncommitted = await uncommittedFiles(repository);
  if (uncommitted.length > 0) {
    const listed =
      uncommitted.slice(0, LISTED).join(', ') + (uncommitted.length > LISTED ? `, and ${uncommitted.length - LISTED} more` : '');
    throw new ImproveError(
      'input',
      `--pr branches from HEAD, but files the run could change have uncommitted changes: ${listed} (commit or stash them)`,
    );
  }
  gitHubSettings(env, { name: remote, url: await remoteUrl(repository, remote) });
}

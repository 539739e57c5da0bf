import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { ImproveError, ImproveOptionsError } from '../contract/errors.ts';
import { type ImproveOptions, type ImproveOptionsInput, ImproveOptionsSchema, storeDirOf } from '../contract/options.ts';
import { checkPublishable } from '../publish/preflight.ts';
import { chooseSandboxKind } from '../sandbox/create.ts';
import { loadE2BSandbox } from '../sandbox/e2b-load.ts';
import { resolveE2BSettings } from '../sandbox/e2b-settings.ts';
import type { SandboxKind } from '../sandbox/types.ts';
import { registrationFor, type SuggesterRegistration } from '../suggest/registry.ts';
import { checkProject } from '../testing/preflight.ts';

/**
 * Everything about a run's input that can be known before it runs: the options, the suggester (and
 * the packages it loads), the sandbox, a project a run could improve (see `checkProject`) and
 * can write its records into (see `checkWritable`), and what publishing needs (see `checkPublishable`).
 * Throws an input `ImproveError`; loads no Mastra, so a caller hears it at once. Returns the options
 * with their defaults. The front door checks before it starts a run, and the first step again, for
 * runs started from the Studio or the HTTP API (a few milliseconds).
 */
export async function checkImprovementInput(options: ImproveOptionsInput): Promise<ImproveOptions> {
  const parsed = ImproveOptionsSchema.safeParse(options);
  if (!parsed.success) throw new ImproveOptionsError(parsed.error);
  await checkSuggester(parsed.data.suggester);
  await checkSandbox(parsed.data.sandbox);
  await checkProject(parsed.data.projectDir, parsed.data.testCommand, {
    sandboxInstalls: chooseSandboxKind(parsed.data.sandbox, process.env) === 'e2b',
    ...(parsed.data.project !== undefined && { project: parsed.data.project }),
  });
  await checkWritable(parsed.data.projectDir, parsed.data.writeMode);
  if (parsed.data.pullRequest) await checkPublishable(parsed.data.projectDir, parsed.data.remote, process.env);
  return parsed.data;
}

const writable = (path: string) =>
  access(path, constants.W_OK).then(
    () => true,
    () => false,
  );

/**
 * Every run records its artifacts (and, from the CLI, its store) in `<projectDir>/.improve`, and
 * write mode writes the project itself: a read-only project is refused here, not by a failing run.
 */
export async function checkWritable(projectDir: string, writeMode: ImproveOptions['writeMode']): Promise<void> {
  if (writeMode === 'write' && !(await writable(projectDir))) {
    throw new ImproveError('input', `project is read-only: ${projectDir} (write mode writes accepted changes back to it)`);
  }
  const records = storeDirOf(projectDir);
  if ((await stat(records).catch(() => undefined))?.isDirectory()) {
    if (!(await writable(records))) throw new ImproveError('input', `${records} is read-only (a run keeps its records there)`);
  } else if (!(await writable(projectDir))) {
    throw new ImproveError('input', `project is read-only: ${projectDir} (a run keeps its records in ${records})`);
  }
}

/** E2B settings that cannot work (no API key, no SDK installed) are the caller's to fix: said before the run, not as its failure. */
async function checkSandbox(kind: SandboxKind): Promise<void> {
  if (chooseSandboxKind(kind, process.env) !== 'e2b') return;
  resolveE2BSettings(undefined, process.env);
  await loadE2BSandbox();
}

/**
 * Refuses a suggester name that names nothing registered, or one that cannot work here (a model
 * suggester without a model, or without the packages it loads): an input error, said before any test runs.
 */
async function checkSuggester(name: string): Promise<void> {
  let registration: SuggesterRegistration;
  try {
    registration = registrationFor(name);
  } catch (error) {
    throw new ImproveError('input', (error as Error).message);
  }
  await registration.prepare?.();
}

import { access, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ImproveError } from '../contract/errors.ts';
import { IMPROVE_DIR } from '../contract/options.ts';
import { detectTestCommand } from './detect.ts';
import { declaresPackage, projectRunner } from './runners/project-runner.ts';
import { runnerAdapter, runnerLabels } from './runners/registry.ts';

const inputError = (message: string) => new ImproveError('input', message);

/**
 * Refuses, before any sandbox, store or file exists, a project no run could improve: a missing or
 * empty directory, an unreadable package.json, no test command, a runner whose results we cannot
 * read (any but vitest, jest, mocha and node --test), or its runner not installed where the
 * sandbox will not install it (a local sandbox runs the project's own `node_modules`). Throws an input `ImproveError` with a one-line
 * message; reads, never writes. `testCommand`, when given, replaces the command package.json would give.
 */
export async function checkProject(
  projectDir: string,
  testCommand?: string,
  { sandboxInstalls = false, project }: { sandboxInstalls?: boolean; project?: string } = {},
): Promise<void> {
  await checkDirectory(projectDir);
  // A monorepo's workspace package: its own package.json says how it is tested.
  const testDir = project === undefined ? projectDir : await checkPackageDir(projectDir, project);
  const packageJson = await readOptional(path.join(testDir, 'package.json'));
  if (testCommand === undefined && packageJson === undefined) {
    throw inputError(`no package.json in ${testDir}: not a Node project (give a test command to run one anyway)`);
  }
  if (testCommand === undefined && packageJson !== undefined) checkJson(packageJson);
  const command = await detectTestCommand({
    ...(packageJson !== undefined && { packageJson }),
    ...(testCommand !== undefined && { override: testCommand }),
    // Without a test script, a runner only for a project that says it is its runner: not for any
    // folder that happens to sit below some node_modules holding one.
    runnerWithoutScript: async () => projectRunner(packageJson, await readdir(testDir)),
  });
  if (command.runner === 'none') {
    throw inputError(`no test command for ${testDir}: ${command.reason} (add a test script or give a test command)`);
  }
  if (command.runner === 'other') {
    throw inputError(
      `${command.source} runs \`${command.command}\`, none of ${runnerLabels()}: only their results can be read (give a test command that runs one)`,
    );
  }
  const adapter = runnerAdapter(command.runner);
  const missing = adapter.packages[0];
  if (missing !== undefined && !(await runnerAvailable(testDir, packageJson, adapter.packages, sandboxInstalls))) {
    throw inputError(`${missing} is not installed for ${testDir}: install the project's dependencies first (npm install)`);
  }
}

async function checkDirectory(projectDir: string): Promise<void> {
  const info = await stat(projectDir).catch(() => undefined);
  if (!info) throw inputError(`project directory not found: ${projectDir}`);
  if (!info.isDirectory()) throw inputError(`not a directory: ${projectDir}`);
  // Our own folder from an earlier run is not the project.
  const entries = (await readdir(projectDir)).filter((name) => name !== IMPROVE_DIR);
  if (entries.length === 0) throw inputError(`project directory is empty: ${projectDir}`);
}

async function checkPackageDir(projectDir: string, project: string): Promise<string> {
  const dir = path.join(projectDir, project);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw inputError(`project ${project} is not a directory in ${projectDir}`);
  return dir;
}

function checkJson(packageJson: string): void {
  try {
    JSON.parse(packageJson);
  } catch (error) {
    throw inputError(`package.json is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * Whether the run can find the runner: installed where Node would resolve it from the project, or,
 * when the sandbox installs the dependencies it finds missing (E2B), declared in package.json.
 */
async function runnerAvailable(
  projectDir: string,
  packageJson: string | undefined,
  packages: readonly string[],
  sandboxInstalls: boolean,
): Promise<boolean> {
  if (sandboxInstalls && declares(packageJson, packages)) return true;
  for (let dir = path.resolve(projectDir); ; dir = path.dirname(dir)) {
    for (const name of packages) if (await exists(path.join(dir, 'node_modules', name, 'package.json'))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

function declares(packageJson: string | undefined, packages: readonly string[]): boolean {
  return packageJson !== undefined && packages.some((name) => declaresPackage(packageJson, name));
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw inputError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

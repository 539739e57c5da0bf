import { access, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ImproveError } from '../contract/errors.ts';
import { IMPROVE_DIR } from '../contract/options.ts';
import { detectTestCommand } from './detect.ts';

const DeclaredDependenciesSchema = z.object({
  dependencies: z.record(z.string(), z.unknown()).optional(),
  devDependencies: z.record(z.string(), z.unknown()).optional(),
});

const inputError = (message: string) => new ImproveError('input', message);

/**
 * Refuses, before any sandbox, store or file exists, a project no run could improve: a missing or
 * empty directory, an unreadable package.json, no test command, or a runner whose results we cannot
 * read (only vitest's), or vitest not installed where the sandbox will not install it (a local
 * sandbox runs the project's own `node_modules`). Throws an input `ImproveError` with a one-line
 * message; reads, never writes. `testCommand`, when given, replaces the command package.json would give.
 */
export async function checkProject(
  projectDir: string,
  testCommand?: string,
  { sandboxInstalls = false }: { sandboxInstalls?: boolean } = {},
): Promise<void> {
  await checkDirectory(projectDir);
  const packageJson = await readOptional(path.join(projectDir, 'package.json'));
  if (testCommand === undefined && packageJson === undefined) {
    throw inputError(`no package.json in ${projectDir}: not a Node project (give a test command to run one anyway)`);
  }
  if (testCommand === undefined && packageJson !== undefined) checkJson(packageJson);
  const command = await detectTestCommand({
    ...(packageJson !== undefined && { packageJson }),
    ...(testCommand !== undefined && { override: testCommand }),
    // Without a test script, `vitest run` only for a project that says vitest is its runner: not
    // for any folder that happens to sit below some node_modules holding vitest.
    vitestInstalled: async () => declaresVitest(packageJson),
  });
  if (command.runner === 'none') {
    throw inputError(`no test command for ${projectDir}: ${command.reason} (add a test script or give a test command)`);
  }
  if (command.runner === 'other') {
    throw inputError(
      `${command.source} runs \`${command.command}\`, not vitest: only vitest results can be read (give a test command that runs vitest)`,
    );
  }
  if (!(await vitestAvailable(projectDir, packageJson, sandboxInstalls))) {
    throw inputError(`vitest is not installed for ${projectDir}: install the project's dependencies first (npm install)`);
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

function checkJson(packageJson: string): void {
  try {
    JSON.parse(packageJson);
  } catch (error) {
    throw inputError(`package.json is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * Whether the run can find vitest: installed where Node would resolve it from the project, or, when
 * the sandbox installs the dependencies it finds missing (E2B), declared in package.json.
 */
async function vitestAvailable(projectDir: string, packageJson: string | undefined, sandboxInstalls: boolean): Promise<boolean> {
  if (sandboxInstalls && declaresVitest(packageJson)) return true;
  for (let dir = path.resolve(projectDir); ; dir = path.dirname(dir)) {
    if (await exists(path.join(dir, 'node_modules', 'vitest', 'package.json'))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

function declaresVitest(packageJson: string | undefined): boolean {
  if (packageJson === undefined) return false;
  let raw: unknown;
  try {
    raw = JSON.parse(packageJson);
  } catch {
    return false;
  }
  const parsed = DeclaredDependenciesSchema.safeParse(raw);
  return parsed.success && [parsed.data.dependencies, parsed.data.devDependencies].some((deps) => deps?.vitest !== undefined);
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

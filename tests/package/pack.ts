import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

export const REPO = path.resolve(import.meta.dirname, '../..');
/** Node 24 from the `node` dev dependency: the machines' own Node is older than Mastra needs. */
export const NODE = path.join(REPO, 'node_modules/.bin/node');

export const PACKAGE_JSON = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};

/** What the build reads and the package ships; the copy is packed, so the repo never gets a dist/ (bin/improve.js prefers one). */
const PACKED_SOURCES = [
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'README.md',
  'LICENSE',
  'bin',
  'src',
  'steps',
  'workflows',
  'mastra.config.ts',
  // npm pack runs the `prepare` script too (it installs the example projects, none in this copy).
  'scripts',
];

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; never throws for a non-zero exit (the caller asserts on it). */
export async function run(
  file: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, {
      cwd: options.cwd,
      env: options.env ?? envWithNode24(),
      timeout: options.timeoutMs ?? 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? failed.message,
    };
  }
}

/** This environment with Node 24 first on PATH (npm and npx run their scripts with the `node` they find there). */
export function envWithNode24(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${path.dirname(NODE)}${path.delimiter}${process.env.PATH ?? ''}`, ...extra };
}

/**
 * Packs the package as `npm pack` does for a release (its `prepack` builds it) from a copy of the
 * sources in `workDir`, whose node_modules is this repo's (the build's TypeScript). Returns the tarball.
 */
export async function packPackage(workDir: string, npmCache: string): Promise<string> {
  const copy = path.join(workDir, 'source');
  for (const entry of PACKED_SOURCES) cpSync(path.join(REPO, entry), path.join(copy, entry), { recursive: true });
  const examples = path.join(REPO, 'examples');
  // The example scripts, not the example projects (the package ships `examples/*.ts`).
  const exampleScript = (from: string) => from === examples || (path.dirname(from) === examples && from.endsWith('.ts'));
  cpSync(examples, path.join(copy, 'examples'), { recursive: true, filter: exampleScript });
  symlinkSync(path.join(REPO, 'node_modules'), path.join(copy, 'node_modules'));
  const packed = await run('npm', ['pack', '--pack-destination', workDir], {
    cwd: copy,
    env: envWithNode24({ npm_config_cache: npmCache }),
  });
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stdout}\n${packed.stderr}`);
  const tarball = path.join(workDir, `recursive-improve-${PACKAGE_JSON.version}.tgz`);
  if (!existsSync(tarball)) throw new Error(`npm pack did not write ${tarball}`);
  return tarball;
}

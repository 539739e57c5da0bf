// Installs each example project's own dependencies into its own node_modules, from its lockfile,
// so that an example runs (and a copy of it installs) like any project, not on this repository's
// node_modules. The root `prepare` script runs it (`npm install` and `npm ci` in this repository, not
// an install of the published package); an example already installed from its lockfile is skipped.
// Usage: node scripts/install-examples.ts [examples-dir]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

type Dependencies = Record<string, string>;

interface PackageJson {
  dependencies?: Dependencies;
  devDependencies?: Dependencies;
  optionalDependencies?: Dependencies;
}

interface LockEntry extends PackageJson {
  version?: string;
  optional?: boolean;
}

/** package-lock.json, and npm's record of what it installed (node_modules/.package-lock.json). */
interface Lockfile {
  packages?: Record<string, LockEntry>;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

export function hasDependencies(pkg: PackageJson): boolean {
  return DEPENDENCY_FIELDS.some((field) => Object.keys(pkg[field] ?? {}).length > 0);
}

/**
 * Whether node_modules holds what the lockfile says, for the package.json the lockfile was made
 * from: every locked package installed at its version (optional ones, such as other platforms'
 * binaries, may be absent) and nothing else.
 */
export function isInstalled(pkg: PackageJson, lock: Lockfile, installed: Lockfile | undefined): boolean {
  const locked = lock.packages ?? {};
  const root = locked[''] ?? {};
  if (!DEPENDENCY_FIELDS.every((field) => isDeepStrictEqual(pkg[field] ?? {}, root[field] ?? {}))) return false;
  const have = installed?.packages ?? {};
  const complete = Object.entries(locked).every(
    ([path, entry]) => path === '' || (have[path] ? have[path].version === entry.version : entry.optional === true),
  );
  return complete && Object.keys(have).every((path) => path in locked);
}

const readJson = <T>(file: string): T | undefined => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined);

/** The examples that declare dependencies. */
function examplesToInstall(examplesDir: string): string[] {
  return readdirSync(examplesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(examplesDir, entry.name))
    .filter((dir) => {
      const pkg = readJson<PackageJson>(join(dir, 'package.json'));
      return pkg !== undefined && hasDependencies(pkg);
    });
}

/** Installs one example unless it is up to date; throws when npm fails, since the tests need it. */
function installExample(dir: string): void {
  const name = relative(process.cwd(), dir) || dir;
  const lock = readJson<Lockfile>(join(dir, 'package-lock.json'));
  if (!lock) throw new Error(`${name} declares dependencies but has no package-lock.json (run npm install in it)`);
  const pkg = readJson<PackageJson>(join(dir, 'package.json'))!;
  if (isInstalled(pkg, lock, readJson<Lockfile>(join(dir, 'node_modules/.package-lock.json')))) {
    console.log(`${name}: dependencies up to date`);
    return;
  }
  console.log(`${name}: installing its dependencies (npm ci)`);
  // --prefix: the example is the project, whatever npm_config_* the enclosing npm run passed down.
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', dir], { cwd: dir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm ci failed in ${name} (${result.error?.message ?? `exit ${result.status}`})`);
}

export function installExamples(examplesDir: string): void {
  for (const dir of examplesToInstall(examplesDir)) installExample(dir);
}

if (import.meta.main) {
  try {
    installExamples(resolve(process.argv[2] ?? join(import.meta.dirname, '..', 'examples')));
  } catch (error) {
    console.error(`install-examples: ${(error as Error).message}`);
    process.exit(1);
  }
}

import path from 'node:path';

/** Why an edit may not touch a path; `undefined` when it may. */
export type PathRefusal = { path: string; reason: string };

// Files whose change could make tests pass without fixing anything: tests, their helpers and
// fixtures, the test runner's config and set-up, the test script.
const TEST_FILE = /\.(test|spec|e2e)\.[cm]?[jt]sx?$/;
const TEST_DIR = /(^|\/)(__tests__|__mocks__|__fixtures__|tests?|specs?|e2e)\//;
const TEST_CONFIG =
  /(^|\/)(vitest|vite|jest|playwright)\.(config|workspace|setup)(\.[\w-]+)*\.[cm]?[jt]s$|(^|\/)(vitest\.setup|setupTests|test-setup)\.[cm]?[jt]sx?$|(^|\/)package\.json$/;
const OFF_LIMITS_DIR = /(^|\/)(node_modules|\.git|\.improve)\//;

/**
 * Normalizes a project-relative path to forward slashes without `./`; returns undefined when it is
 * absolute, empty, or escapes the project root.
 */
export function normalizeProjectPath(file: string): string | undefined {
  const slashed = file.replaceAll('\\', '/');
  if (slashed === '' || path.posix.isAbsolute(slashed) || /^[a-zA-Z]:\//.test(slashed)) return undefined;
  const normal = path.posix.normalize(slashed);
  if (normal === '.' || normal === '..' || normal.startsWith('../')) return undefined;
  return normal;
}

/**
 * Tests, test helpers, test-runner config and the test script: never edited, so never a place to
 * repair or suspect. Paths are project-relative; backslashes count as slashes.
 */
export function isTestPath(file: string): boolean {
  const slashed = file.replaceAll('\\', '/');
  return TEST_FILE.test(slashed) || TEST_DIR.test(slashed) || TEST_CONFIG.test(slashed);
}

/**
 * The tool never improves by editing tests, their configuration, or anything outside the project.
 * `testFiles` are the project's own (what its runner runs, its set-up, the helpers and fixtures
 * only tests use), on top of the naming conventions.
 */
export function refusePath(file: string, testFiles: ReadonlySet<string> = new Set()): PathRefusal | undefined {
  const normal = normalizeProjectPath(file);
  if (normal === undefined) return { path: file, reason: `path escapes the project: ${file}` };
  if (isTestPath(normal)) return { path: normal, reason: `edits to tests or test configuration are not allowed: ${normal}` };
  if (testFiles.has(normal))
    return { path: normal, reason: `edits to files of the tests (run, set up or used only by them) are not allowed: ${normal}` };
  if (OFF_LIMITS_DIR.test(normal)) return { path: normal, reason: `path is off limits: ${normal}` };
  return undefined;
}

const NEVER_REPAIRED = [
  /(^|\/)(__tests__|__mocks__|__fixtures__|tests?|specs?|e2e)\//,
  /\.(test|spec|e2e)\.[cm]?[jt]sx?$/,
  /(^|\/)(vitest|vite|jest|playwright)\.(config|workspace|setup)(\.[\w-]+)*\.[cm]?[jt]s$/,
  /(^|\/)(vitest\.setup|setupTests|test-setup)\.[cm]?[jt]sx?$/,
  /(^|\/)node_modules\//,
];

/**
 * Tests, test helpers, test-runner config and dependencies: never a place to repair (the tool must not
 * "fix" by editing tests), so never suspicious. Paths are project-relative with forward slashes.
 */
export function isTestPath(file: string): boolean {
  const path = file.replace(/\\/g, '/');
  return NEVER_REPAIRED.some((pattern) => pattern.test(path));
}

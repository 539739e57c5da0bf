import { z } from 'zod';
import { RUNNERS } from './registry.ts';
import type { RunnerName } from './runner.ts';

const PackageJsonSchema = z.object({
  dependencies: z.record(z.string(), z.unknown()).optional(),
  devDependencies: z.record(z.string(), z.unknown()).optional(),
});

/**
 * The runner a project without a test script is set up for: the first (in RUNNERS order) that its
 * package.json declares as a dependency or configures under its own key, or whose config file sits
 * in the project root (`rootFiles`). Never a runner that merely happens to be installed somewhere up
 * the tree.
 */
export function projectRunner(packageJson: string | undefined, rootFiles: readonly string[]): RunnerName | undefined {
  const json = parse(packageJson);
  const declared = new Set([...Object.keys(json?.dependencies ?? {}), ...Object.keys(json?.devDependencies ?? {})]);
  const keys = new Set(Object.keys(json ?? {}));
  const runner = RUNNERS.find(
    (candidate) =>
      candidate.packages.some((name) => declared.has(name)) ||
      (candidate.packageJsonKey !== undefined && keys.has(candidate.packageJsonKey)) ||
      rootFiles.some((file) => candidate.configFiles.test(file)),
  );
  return runner?.name;
}

/** Whether package.json lists `name` among its dependencies or dev dependencies. */
export function declaresPackage(packageJson: string, name: string): boolean {
  const json = parse(packageJson);
  return [json?.dependencies, json?.devDependencies].some((deps) => deps?.[name] !== undefined);
}

function parse(packageJson: string | undefined): (z.infer<typeof PackageJsonSchema> & Record<string, unknown>) | undefined {
  if (packageJson === undefined) return undefined;
  try {
    const raw: unknown = JSON.parse(packageJson);
    const parsed = PackageJsonSchema.safeParse(raw);
    return parsed.success ? { ...(raw as Record<string, unknown>), ...parsed.data } : undefined;
  } catch {
    return undefined;
  }
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const PACKAGE_NAME = 'recursive-improve';

const PackageJsonSchema = z.object({ name: z.string().optional(), version: z.string().optional() });

/**
 * The version of this package, from its own package.json: the nearest one above `from` that is
 * ours. The module sits at a different depth in a source checkout (src/cli/) than when built
 * (dist/src/cli/), and a folder on the way may hold a package.json of its own.
 */
export function packageVersion(from: string = import.meta.url): string {
  for (let dir = path.dirname(fileURLToPath(from)); ; dir = path.dirname(dir)) {
    const found = readPackage(path.join(dir, 'package.json'));
    if (found?.name === PACKAGE_NAME && found.version) return found.version;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the package.json of ${PACKAGE_NAME} above ${fileURLToPath(from)}`);
  }
}

function readPackage(file: string): z.infer<typeof PackageJsonSchema> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return PackageJsonSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined; // not a package.json we can read, so not ours
  }
}

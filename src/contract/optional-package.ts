import { ImproveError } from './errors.ts';

/** A feature was asked for whose optional peer dependencies are not installed; the message says what to install. */
export class MissingPackageError extends ImproveError {
  readonly packages: readonly string[];
  constructor(feature: string, packages: readonly string[], options?: { cause?: unknown }) {
    const names = packages.map((name) => `'${name}'`).join(' and ');
    super('input', `${feature} needs the ${names} package${packages.length > 1 ? 's' : ''}: npm install ${packages.join(' ')}`, options);
    this.name = 'MissingPackageError';
    this.packages = packages;
  }
}

/**
 * Loads modules that need optional peer dependencies, on first use (so the package's entry never
 * does): a missing one of `packages` becomes a `MissingPackageError` naming them all. `load` must
 * call `import()` with literal specifiers, so bundlers see them.
 */
export async function importOptional<T>(feature: string, packages: readonly string[], load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (packages.some((name) => isMissing(error, name))) throw new MissingPackageError(feature, packages, { cause: error });
    throw error;
  }
}

/** Node's "Cannot find package 'x'" (ESM) or "Cannot find module 'x'" (CommonJS, bundlers) for this package. */
function isMissing(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  const message = error instanceof Error ? error.message : '';
  return message.includes(`'${name}'`) || message.includes(`"${name}"`);
}

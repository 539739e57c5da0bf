import { importOptional } from '../contract/optional-package.ts';
import type { E2BSandbox, E2BSandboxOptions } from './e2b.ts';

/**
 * The E2B sandbox's module. The `e2b` SDK is an optional peer dependency, loaded only here, on
 * first use: without it this is a one-line `MissingPackageError` naming what to install.
 */
export function loadE2BSandbox(): Promise<typeof import('./e2b.ts')> {
  return importOptional('the E2B sandbox', ['e2b'], () => import('./e2b.ts'));
}

/** A sandbox in an E2B microVM (see `E2BSandbox`); its SDK loads now. */
export async function createE2BSandbox(options: E2BSandboxOptions): Promise<E2BSandbox> {
  return (await loadE2BSandbox()).createE2BSandbox(options);
}

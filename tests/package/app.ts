import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type CommandResult, envWithNode24, PACKAGE_JSON, run } from './pack.ts';

/** A new user's tsconfig: strict, ESM with Node's resolution (`tsc --init`'s skipLibCheck). */
const APP_TSCONFIG = {
  compilerOptions: {
    target: 'ES2023',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    types: ['node'],
  },
};

export interface App {
  dir: string;
  npm(args: string[]): Promise<CommandResult>;
}

/**
 * A brand-new Mastra app in `dir` that installs the tarball from the registry's point of view:
 * its own package.json, `@mastra/core` at `coreVersion`, TypeScript, and vitest for the projects
 * it improves (they live inside it and resolve vitest from its node_modules). Nothing of this
 * repo is reachable from it.
 */
export async function createApp(dir: string, tarball: string, coreVersion: string, npmCache: string): Promise<App> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'improve-app', private: true, type: 'module' }, null, 2)}\n`);
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(APP_TSCONFIG, null, 2)}\n`);
  const npm = (args: string[]) =>
    run('npm', args, { cwd: dir, env: envWithNode24({ npm_config_cache: npmCache, npm_config_update_notifier: 'false' }) });
  const installed = await npm([
    'install',
    '--no-audit',
    '--no-fund',
    tarball,
    `@mastra/core@${coreVersion}`,
    `typescript@${PACKAGE_JSON.dependencies.typescript}`,
    `@types/node@${PACKAGE_JSON.devDependencies['@types/node']}`,
    `vitest@${PACKAGE_JSON.devDependencies.vitest}`,
  ]);
  if (installed.code !== 0) throw new Error(`npm install failed:\n${installed.stderr}`);
  return { dir, npm };
}

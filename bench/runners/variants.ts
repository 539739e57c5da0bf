// Each corpus program as a project of another runner: the same sources, the vitest suites
// re-expressed (re-express.ts), the runner's usual set-up, and the runner's own commands for the
// visible suite (the test script the engine runs) and for the held-out tests.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunnerName } from '../../src/testing/runners/runner.ts';
import { type CorpusProgram, HELDOUT_CONFIG, stageProgram } from '../lib/corpus.ts';
import { type OtherRunner, reExpress } from './re-express.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * Staged variants live under the repository so that a sandbox, and a runner started in place,
 * find the root node_modules up the tree (and not under /tmp, which the sandbox hides).
 */
export const SCRATCH_DIR = join(ROOT, 'bench', 'results', 'scratch');

export type Suite = 'tests' | 'heldout';
type Ext = 'ts' | 'js';

/** A program made ready for one runner: a throwaway directory the caller removes. */
export interface StagedProgram {
  dir: string;
  remove: () => Promise<void>;
}

export interface BenchRunner {
  name: RunnerName;
  /**
   * A copy of the program for this runner, with the held-out tests when asked; what the engine may
   * see otherwise (sources, visible tests, set-up). Throws UnsupportedTestApi for a program whose
   * tests this runner cannot say.
   */
  stage(program: CorpusProgram, options?: { withHeldout?: boolean }): Promise<StagedProgram>;
  /** The runner's command for one suite of the program, `extra` arguments placed where it takes them. */
  command(program: CorpusProgram, suite: Suite, extra?: readonly string[]): string;
}

const extOf = (program: CorpusProgram): Ext => (program.bug.file.endsWith('.js') ? 'js' : 'ts');
const words = (...parts: (string | readonly string[])[]): string => parts.flat().join(' ');

/** The corpus program as it is: vitest's own project, the reference the others are held to. */
export const vitestRunner: BenchRunner = {
  name: 'vitest',
  stage: stageProgram,
  command: (_program, suite, extra = []) =>
    suite === 'tests' ? words('vitest run tests', extra) : words(`vitest run --config ${HELDOUT_CONFIG}`, extra),
};

interface Layout {
  name: OtherRunner;
  /** package.json fields besides name and the test script. */
  packageJson: Readonly<Record<string, unknown>>;
  /** Set-up files the project carries. */
  files: Readonly<Record<string, string>>;
  command: (ext: Ext, suite: Suite, extra: readonly string[]) => string;
}

/**
 * jest the way most TypeScript projects run it: ts-jest (transpiling only, as vitest does not
 * type-check either) to CommonJS, which also takes the plain JavaScript programs' ES modules.
 */
const JEST: Layout = {
  name: 'jest',
  packageJson: { jest: { preset: 'ts-jest/presets/js-with-ts', testEnvironment: 'node', roots: ['<rootDir>/tests'] } },
  files: {
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'CommonJS',
          rootDir: '.',
          strict: true,
          allowJs: true,
          isolatedModules: true,
          allowImportingTsExtensions: true,
          noEmit: true,
          skipLibCheck: true,
        },
      },
      null,
      2,
    )}\n`,
  },
  command: (_ext, suite, extra) => (suite === 'tests' ? words('jest', extra) : words('jest --roots heldout', extra)),
};

/** mocha and node:test load the TypeScript sources as ES modules through Node's type stripping. */
const MOCHA: Layout = {
  name: 'mocha',
  packageJson: { type: 'module' },
  files: {},
  command: (ext, suite, extra) => words('mocha', extra, `'${suite}/**/*.test.${ext}'`),
};

const NODE_TEST: Layout = {
  name: 'node-test',
  packageJson: { type: 'module' },
  files: {},
  // node takes its options before the file patterns.
  command: (ext, suite, extra) => words('node --test', extra, `'${suite}/**/*.test.${ext}'`),
};

async function writeSuite(from: string, to: string, runner: OtherRunner): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from, { recursive: true })) {
    const source = join(from, name);
    if (!/\.(ts|js)$/.test(name)) continue;
    await mkdir(dirname(join(to, name)), { recursive: true });
    await writeFile(join(to, name), reExpress(await readFile(source, 'utf8'), runner));
  }
}

function fromLayout(layout: Layout): BenchRunner {
  return {
    name: layout.name,
    command: (program, suite, extra = []) => layout.command(extOf(program), suite, extra),
    async stage(program, options = {}) {
      await mkdir(SCRATCH_DIR, { recursive: true });
      const parent = await mkdtemp(join(SCRATCH_DIR, `${layout.name}-`));
      const remove = () => rm(parent, { recursive: true, force: true });
      const dir = join(parent, program.id);
      try {
        const pkg = JSON.parse(await readFile(join(program.dir, 'package.json'), 'utf8')) as { name: string };
        const test = layout.command(extOf(program), 'tests', []);
        const packageJson = { name: pkg.name, private: true, ...layout.packageJson, scripts: { test } };
        await mkdir(dir);
        await writeFile(join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
        for (const [file, content] of Object.entries(layout.files)) await writeFile(join(dir, file), content);
        await cp(join(program.dir, 'src'), join(dir, 'src'), { recursive: true });
        await writeSuite(join(program.dir, 'tests'), join(dir, 'tests'), layout.name);
        if (options.withHeldout) await writeSuite(join(program.dir, 'heldout'), join(dir, 'heldout'), layout.name);
        return { dir, remove };
      } catch (error) {
        await remove();
        throw error;
      }
    },
  };
}

/** Every runner the bench runs, vitest first. */
export const BENCH_RUNNERS: readonly BenchRunner[] = [vitestRunner, ...[JEST, MOCHA, NODE_TEST].map(fromLayout)];

export function benchRunner(name: string): BenchRunner {
  const runner = BENCH_RUNNERS.find((candidate) => candidate.name === name);
  if (!runner) throw new Error(`no bench runner ${name}; choose from ${BENCH_RUNNERS.map((r) => r.name).join(', ')}`);
  return runner;
}

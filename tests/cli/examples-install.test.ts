import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInstalled } from '../../scripts/install-examples.ts';
import { NODE, ROOT, tempDir } from './support/cli.ts';

// scripts/install-examples.ts, which `npm install` runs (the root `prepare` script): each example
// gets its own node_modules from its own lockfile, and an example already installed is left alone.

const SCRIPT = join(ROOT, 'scripts/install-examples.ts');
const MOCHA = join(ROOT, 'examples/mocha-buggy');
const JEST = join(ROOT, 'examples/jest-buggy');

const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

function runScript(examplesDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(NODE, [SCRIPT, examplesDir], { cwd: examplesDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

/** An examples folder holding copies of `examples` (their package.json and lockfile only, nothing installed). */
async function examplesFolder(examples: string[]): Promise<string> {
  const dir = await tempDir();
  for (const example of examples) {
    const copy = join(dir, example.split('/').at(-1)!);
    await cp(example, copy, { recursive: true, filter: (src) => !/[/\\](node_modules|\.improve)$/.test(src) });
  }
  return dir;
}

describe('isInstalled', () => {
  // The real records of a real install: examples/jest-buggy (with other platforms' binaries left out).
  const pkg = json(join(JEST, 'package.json'));
  const lock = json(join(JEST, 'package-lock.json'));
  const installed = json(join(JEST, 'node_modules/.package-lock.json'));
  const without = (path: string) => {
    const copy = structuredClone(installed);
    delete copy.packages[path];
    return copy;
  };

  it('holds for an install made from the lockfile, though optional packages of other platforms are absent', () => {
    expect(Object.keys(installed.packages).length).toBeLessThan(Object.keys(lock.packages).length - 1);
    expect(isInstalled(pkg, lock, installed)).toBe(true);
  });

  it('fails without an install, or when a locked package is missing, at another version or not locked', () => {
    expect(isInstalled(pkg, lock, undefined)).toBe(false);
    expect(isInstalled(pkg, lock, without('node_modules/jest'))).toBe(false);
    const bumped = structuredClone(installed);
    bumped.packages['node_modules/jest'].version = '30.0.0';
    expect(isInstalled(pkg, lock, bumped)).toBe(false);
    const extra = structuredClone(installed);
    extra.packages['node_modules/left-pad'] = { version: '1.3.0' };
    expect(isInstalled(pkg, lock, extra)).toBe(false);
  });

  it('fails when package.json declares other dependencies than the lockfile was made for', () => {
    expect(isInstalled({ ...pkg, devDependencies: { ...pkg.devDependencies, jest: '^29.0.0' } }, lock, installed)).toBe(false);
  });
});

describe('scripts/install-examples.ts', () => {
  it('installs each example with dependencies into its own node_modules, then leaves it alone', { timeout: 300_000 }, async () => {
    const examples = await examplesFolder([MOCHA, join(ROOT, 'examples/node-test-buggy')]);
    const first = await runScript(examples);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain('mocha-buggy: installing its dependencies (npm ci)');
    expect(json(join(examples, 'mocha-buggy/node_modules/mocha/package.json')).version).toBe(
      json(join(MOCHA, 'package-lock.json')).packages['node_modules/mocha'].version,
    );
    // node:test needs no package: nothing to install.
    expect(existsSync(join(examples, 'node-test-buggy/node_modules'))).toBe(false);
    expect(first.output).not.toContain('node-test-buggy');

    const record = join(examples, 'mocha-buggy/node_modules/.package-lock.json');
    const installedAt = (await stat(record)).mtimeMs;
    const again = await runScript(examples);
    expect(again.code, again.output).toBe(0);
    expect(again.output.trim()).toBe('mocha-buggy: dependencies up to date');
    expect((await stat(record)).mtimeMs).toBe(installedAt);
  });

  it('fails loudly when an example cannot be installed: no lockfile, or one out of step with package.json', {
    timeout: 120_000,
  }, async () => {
    const examples = await examplesFolder([]);
    await mkdir(join(examples, 'unlocked'));
    await writeFile(join(examples, 'unlocked/package.json'), JSON.stringify({ name: 'unlocked', devDependencies: { mocha: '^11.8.0' } }));
    const unlocked = await runScript(examples);
    expect(unlocked.code).toBe(1);
    expect(unlocked.output.trim()).toBe(
      'install-examples: unlocked declares dependencies but has no package-lock.json (run npm install in it)',
    );

    const stale = await examplesFolder([MOCHA]);
    const pkgFile = join(stale, 'mocha-buggy/package.json');
    const pkg = JSON.parse(await readFile(pkgFile, 'utf8'));
    await writeFile(pkgFile, JSON.stringify({ ...pkg, devDependencies: { ...pkg.devDependencies, 'left-pad': '^1.3.0' } }));
    const out = await runScript(stale);
    expect(out.code).toBe(1);
    expect(out.output).toContain('install-examples: npm ci failed in mocha-buggy');
    expect(existsSync(join(stale, 'mocha-buggy/node_modules/mocha'))).toBe(false);
  });
});

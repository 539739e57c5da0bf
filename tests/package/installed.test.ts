/**
 * The package as a Mastra developer gets it: packed as for a release, installed from the tarball
 * into a brand-new app next to `@mastra/core` at the lowest version the peer range admits and at the
 * current release, then used the way the README says.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from './app.ts';
import { envWithNode24, NODE, PACKAGE_JSON, packPackage, REPO, run } from './pack.ts';
import { readmeSnippet } from './readme-snippet.ts';

const CORE_PEER_RANGE = PACKAGE_JSON.peerDependencies['@mastra/core'] ?? '';
const LOWEST_CORE = /^>=(\d+\.\d+\.\d+) <2\.0\.0$/.exec(CORE_PEER_RANGE)?.[1];
const CURRENT_CORE = PACKAGE_JSON.devDependencies['@mastra/core'] ?? '';
const BUGGY = path.join(REPO, 'examples/buggy');

const workDir = mkdtempSync(path.join(tmpdir(), 'ri-package-'));
// npm's cache lives and dies with the test: every run downloads what a new user would.
const npmCache = path.join(workDir, 'npm-cache');
let tarball = '';

beforeAll(async () => {
  tarball = await packPackage(workDir, npmCache);
}, 300_000);

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

it('declares @mastra/core as a peer with a lower bound, and the current release inside that range', () => {
  expect(CORE_PEER_RANGE).toMatch(/^>=\d+\.\d+\.\d+ <2\.0\.0$/);
  expect(PACKAGE_JSON.dependencies['@mastra/core']).toBeUndefined();
  expect(CURRENT_CORE).toMatch(/^1\.\d+\.\d+$/);
});

it('ships the build, the bin, the license, the event protocol and the examples, and nothing of the tests', () => {
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
  for (const shipped of [
    'package/LICENSE',
    'package/README.md',
    'package/bin/improve.js',
    'package/dist/src/index.js',
    'package/dist/src/index.d.ts',
    'package/src/events/README.md',
    'package/examples/stream-client.ts',
  ]) {
    expect(files).toContain(shipped);
  }
  expect(files.filter((file) => /^package\/(tests|examples\/[^/]+\/)/.test(file))).toEqual([]);
  const example = execFileSync('tar', ['-xzOf', tarball, 'package/examples/stream-client.ts'], { encoding: 'utf8' });
  expect(example).toMatch(/from 'recursive-improve';/);
  expect(example).not.toMatch(/from '\.\.?\//);
});

/** The machine's own Node when it is older than Mastra needs (as on these machines), else undefined. */
function oldSystemNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir.includes('node_modules')) continue;
    const node = path.join(dir, 'node');
    if (!existsSync(node)) continue;
    const [major = 0, minor = 0] = execFileSync(node, ['--version'], { encoding: 'utf8' }).slice(1).split('.').map(Number);
    return major < 22 || (major === 22 && minor < 13) ? node : undefined;
  }
  return undefined;
}

describe.each([
  ['the lowest supported', LOWEST_CORE ?? 'unknown'],
  ['the current', CURRENT_CORE],
])('installed in a new Mastra app with %s @mastra/core (%s)', (_which, coreVersion) => {
  let app: App;
  beforeAll(async () => {
    app = await createApp(path.join(workDir, `app-${coreVersion}`), tarball, coreVersion, npmCache);
  }, 600_000);

  it('shares the app’s one @mastra/core instead of bringing its own', async () => {
    const listed = await app.npm(['ls', '@mastra/core', '--all', '--parseable']);
    const copies = new Set(listed.stdout.split('\n').filter((line) => line.trim() !== ''));
    expect([...copies]).toEqual([path.join(app.dir, 'node_modules/@mastra/core')]);
    const installed = JSON.parse(readFileSync(path.join(app.dir, 'node_modules/@mastra/core/package.json'), 'utf8'));
    expect(installed.version).toBe(coreVersion);
  }, 60_000);

  it('compiles the README snippet verbatim and runs it to a green report on a copy of examples/buggy', async () => {
    writeFileSync(path.join(app.dir, 'improve.ts'), readmeSnippet('## In a Mastra app'));
    const compiled = await run(NODE, [path.join(app.dir, 'node_modules/typescript/bin/tsc'), '-p', app.dir], { cwd: app.dir });
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);

    // The project sits inside the app and borrows its node_modules (vitest), as a workspace package would.
    const shop = path.join(app.dir, 'shop');
    cpSync(BUGGY, shop, { recursive: true, filter: (from) => !/\/(node_modules|\.improve)$/.test(from) });
    const improved = await run(NODE, ['improve.js', shop], { cwd: app.dir, timeoutMs: 900_000 });
    expect(improved.code, improved.stderr).toBe(0);
    expect(improved.stdout).toMatch(/^green: (\d+)\/\1 tests pass$/m);

    const [runId] = readdirSync(path.join(shop, '.improve/runs'));
    const report = JSON.parse(readFileSync(path.join(shop, `.improve/runs/${runId}/report.json`), 'utf8'));
    expect(report).toMatchObject({ status: 'green', writeMode: 'dry-run', final: { failed: 0 } });
    expect(report.accepted.length).toBeGreaterThan(0);
    // Not --write: the project is as it was.
    for (const file of ['src/paginate.ts', 'src/orders.ts', 'src/cart.ts']) {
      expect(readFileSync(path.join(shop, file), 'utf8')).toBe(readFileSync(path.join(BUGGY, file), 'utf8'));
    }
  }, 1_000_000);

  it.runIf(coreVersion === CURRENT_CORE)(
    'installs an `improve` command that answers --version and --help',
    async () => {
      const version = await app.npm(['exec', '--', 'improve', '--version']);
      expect(version.stdout.trim(), version.stderr).toBe(PACKAGE_JSON.version);
      const help = await app.npm(['exec', '--', 'improve', '--help']);
      expect(help.code, help.stderr).toBe(0);
      expect(help.stdout).toMatch(/improve <dir>/);
    },
    120_000,
  );

  const oldNode = oldSystemNode();
  it.runIf(coreVersion === CURRENT_CORE && oldNode !== undefined)(
    'on a Node older than 22.13, tells an installed user to install a newer one',
    async () => {
      const result = await run(oldNode as string, [path.join(app.dir, 'node_modules/.bin/improve'), '--version'], {
        cwd: app.dir,
        env: process.env,
      });
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toMatch(
        /^improve: needs Node >= 22\.13 \(this is v[\d.]+\); install Node 22\.13 or newer \(https:\/\/nodejs\.org[^\n]*\)$/,
      );
    },
    60_000,
  );

  it.runIf(coreVersion === CURRENT_CORE)(
    'without the optional e2b package, asking for the E2B sandbox is one line saying what to install',
    async () => {
      const shop = path.join(app.dir, 'e2b-shop');
      cpSync(BUGGY, shop, { recursive: true, filter: (from) => !/\/(node_modules|\.improve)$/.test(from) });
      // A user with an E2B key who has not installed the SDK.
      const result = await run(path.join(app.dir, 'node_modules/.bin/improve'), [shop, '--sandbox', 'e2b'], {
        cwd: app.dir,
        env: envWithNode24({ E2B_API_KEY: 'e2b_key_of_a_user' }),
      });
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toBe("improve: the E2B sandbox needs the 'e2b' package: npm install e2b");
    },
    300_000,
  );

  it.runIf(coreVersion === CURRENT_CORE)(
    'without the optional AI SDK, the model suggester says what to install',
    async () => {
      const script = [
        "import { createModelSuggester } from 'recursive-improve';",
        'try {',
        '  await createModelSuggester().suggest({ findings: [], rejected: [] });',
        "  console.log('no error');",
        '} catch (error) {',
        '  console.log(`${error.name}: ${error.message}`);',
        '}',
      ].join('\n');
      writeFileSync(path.join(app.dir, 'model.mjs'), script);
      const result = await run(NODE, ['model.mjs'], { cwd: app.dir, env: envWithNode24() });
      expect(result.stdout.trim(), result.stderr).toBe(
        "MissingPackageError: the model suggester needs the 'ai' and '@ai-sdk/openai' packages: npm install ai @ai-sdk/openai",
      );

      // From the CLI, a user with a key who has not installed the SDK hears it before any test runs.
      const shop = path.join(app.dir, 'model-shop');
      cpSync(BUGGY, shop, { recursive: true, filter: (from) => !/\/(node_modules|\.improve)$/.test(from) });
      const cli = await run(path.join(app.dir, 'node_modules/.bin/improve'), [shop, '--suggester', 'llm'], {
        cwd: app.dir,
        env: envWithNode24({ OPENAI_API_KEY: 'sk-key-of-a-user' }),
      });
      expect(cli.code, cli.stderr).toBe(2);
      expect(cli.stderr.trim()).toBe(
        "improve: the model suggester needs the 'ai' and '@ai-sdk/openai' packages: npm install ai @ai-sdk/openai",
      );
      expect(existsSync(path.join(shop, '.improve'))).toBe(false);
    },
    120_000,
  );
});

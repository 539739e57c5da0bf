import path from 'node:path';
import { isTestPath } from '../contract/test-files.ts';

/** What the scope is computed from: the project's files, the texts of its code, and the test files its runner ran. */
export interface TestScopeInput {
  /** Every project file, project-relative with forward slashes. */
  files: readonly string[];
  /** Texts of the code and runner-config files among them. */
  texts: ReadonlyMap<string, string>;
  /** Test files as the runner itself reported them (its own include and exclude rules applied). */
  runnerTestFiles: readonly string[];
}

const CODE = /\.[cm]?[jt]sx?$/;
/** Runner configuration whose string literals may name set-up files. */
const RUNNER_CONFIG =
  /(^|\/)(vitest|vite|jest|playwright)\.(config|workspace|setup)(\.[\w-]+)*\.([cm]?[jt]s|json)$|(^|\/)\.mocharc\.[\w]+$|(^|\/)mocha\.opts$/;
/** Folders and file names that say "for the tests" when only tests use what is in them. */
const TEST_SIDE_DIR = /^(__)?(tests?|specs?|fixtures?|mocks?|test-?(utils|helpers|support|setup|data))(__)?$/i;
const TEST_SIDE_NAME = /^(test-?(utils|helpers|setup|support)|fixtures?|setup-?tests?)$|\.(fixtures?|mocks?)$/i;
/** Module specifiers in code: import/export … from, bare imports, dynamic import() and require(). */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])(\.{1,2}\/[^'"\n]*)\1/g;
/** String literals in a config that could be a project path. */
const PATH_LITERAL = /(['"`])((?:<rootDir>\/)?\.{0,2}\/?[\w@.-][\w@./-]*)\1/g;
const RESOLUTIONS = [
  '',
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
  '.js',
  '.jsx',
  '.mjs',
  '.cjs',
  '/index.ts',
  '/index.tsx',
  '/index.js',
  '/index.mjs',
];

/**
 * The project files that belong to the tests beyond naming conventions: every file the runner ran
 * as a test, the runner's configuration and every project file it names (set-up and global set-up
 * files), and the helpers and fixtures only tests use. A helper is a file imported (transitively)
 * from the tests and by no other code, that lives test-side: in a folder or under a name that says
 * so, or in a test root of its own (a folder of tests that exercise code outside it, with no source
 * file of their own next to them). A file the tests import and other code imports too is code
 * under test. Data files in test-side places (JSON fixtures, snapshots) belong to the tests too.
 */
export function findTestScope(input: TestScopeInput): Set<string> {
  const known = new Set(input.files);
  const imports = importGraph(input, known);
  const tests = new Set([...input.runnerTestFiles, ...input.files.filter(isTestPath)].filter((file) => known.has(file)));
  const configs = input.files.filter((file) => RUNNER_CONFIG.test(file));
  const scope = new Set([...tests, ...configs, ...configs.flatMap((config) => namedFiles(config, input.texts.get(config) ?? '', known))]);

  const roots = testRoots(tests, imports, known);
  const testSide = (file: string) => inTestSidePlace(file) || roots.some((root) => file.startsWith(`${root}/`));
  // Helpers: reached from the tests, test-side; dropped again while other code imports them.
  const reached = reachable([...scope], imports);
  const helpers = new Set(input.files.filter((file) => !scope.has(file) && testSide(file) && (reached.has(file) || !CODE.test(file))));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [importer, targets] of imports) {
      if (scope.has(importer) || helpers.has(importer)) continue;
      for (const target of targets) if (helpers.delete(target)) changed = true;
    }
  }
  return new Set([...scope, ...helpers]);
}

/** Project files each code file imports by a relative specifier. */
function importGraph(input: TestScopeInput, known: ReadonlySet<string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of input.texts) {
    if (!CODE.test(file)) continue;
    const targets = [...text.matchAll(SPECIFIER)].flatMap((match) => resolveFrom(path.posix.dirname(file), match[2]!, known));
    graph.set(file, targets);
  }
  return graph;
}

function resolveFrom(dir: string, specifier: string, known: ReadonlySet<string>): string[] {
  const base = path.posix.normalize(path.posix.join(dir, specifier.replace(/[?#].*$/, '')));
  // TypeScript sources are imported as `.js` under NodeNext resolution.
  const stems = [base, base.replace(/\.([cm]?)js$/, '.$1ts'), base.replace(/\.jsx$/, '.tsx')];
  for (const stem of stems) for (const suffix of RESOLUTIONS) if (known.has(stem + suffix)) return [stem + suffix];
  return [];
}

/** Project files a runner config names by a string literal (relative to the config or the project root). */
function namedFiles(config: string, text: string, known: ReadonlySet<string>): string[] {
  const dir = path.posix.dirname(config);
  return [...text.matchAll(PATH_LITERAL)].flatMap((match) => {
    // Jest writes paths from the project root as `<rootDir>/...`.
    const literal = match[2]!.replace(/^<rootDir>\//, '');
    return [path.posix.join(dir, literal), path.posix.normalize(literal.replace(/^\//, ''))].flatMap((candidate) =>
      resolveFrom('.', `./${candidate}`, known),
    );
  });
}

function reachable(from: readonly string[], imports: ReadonlyMap<string, string[]>): Set<string> {
  const seen = new Set(from);
  const queue = [...from];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const target of imports.get(file) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

/** Test-side by its folder; a code file also by its name (data files are named anything). */
function inTestSidePlace(file: string): boolean {
  const parts = file.split('/');
  const name = parts.pop()!;
  return parts.some((part) => TEST_SIDE_DIR.test(part)) || (CODE.test(name) && TEST_SIDE_NAME.test(name.replace(CODE, '')));
}

/**
 * Top-level folders that hold tests and nothing under test: their tests import code outside the
 * folder, and no test sits next to a source file of the same name (`x.test.ts` beside `x.ts`).
 */
function testRoots(tests: ReadonlySet<string>, imports: ReadonlyMap<string, string[]>, known: ReadonlySet<string>): string[] {
  const byRoot = new Map<string, string[]>();
  for (const test of tests) {
    const slash = test.indexOf('/');
    if (slash > 0) byRoot.set(test.slice(0, slash), [...(byRoot.get(test.slice(0, slash)) ?? []), test]);
  }
  return [...byRoot].flatMap(([root, rootTests]) => {
    const colocated = rootTests.some((test) => {
      const subject = test.replace(/\.(test|spec|check|e2e)\.([cm]?[jt]sx?)$/, '.$2');
      return subject !== test && known.has(subject);
    });
    const reachesOut = rootTests.some((test) =>
      (imports.get(test) ?? []).some((target) => !target.startsWith(`${root}/`) && !tests.has(target)),
    );
    return !colocated && reachesOut ? [root] : [];
  });
}

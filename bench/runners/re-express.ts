// A vitest test file said for another runner: the same describe/it tree, names and assertions.
// Only the import of vitest's API changes (and `it.each`, which mocha and node:test lack); any
// vitest API with no faithful equivalent is refused with the reason, never dropped.

/** The runners a corpus program is re-expressed for. */
export const OTHER_RUNNERS = ['jest', 'mocha', 'node-test'] as const;
export type OtherRunner = (typeof OTHER_RUNNERS)[number];

/** A test file that cannot be said for a runner without changing what it tests. */
export class UnsupportedTestApi extends Error {}

/** Where each vitest name comes from under a runner: [module, exported name]. */
const SOURCES: Record<OtherRunner, Readonly<Record<string, readonly [string, string]>>> = {
  // jest's own expect; its globals imported explicitly, as a typed jest project does.
  jest: Object.fromEntries(
    ['describe', 'it', 'test', 'expect', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll'].map((name) => [name, ['@jest/globals', name]]),
  ),
  // jest's standalone `expect` package, so assertions carry over unchanged.
  mocha: {
    describe: ['mocha', 'describe'],
    it: ['mocha', 'it'],
    test: ['mocha', 'it'],
    beforeEach: ['mocha', 'beforeEach'],
    afterEach: ['mocha', 'afterEach'],
    beforeAll: ['mocha', 'before'],
    afterAll: ['mocha', 'after'],
    expect: ['expect', 'expect'],
  },
  'node-test': {
    describe: ['node:test', 'describe'],
    it: ['node:test', 'it'],
    test: ['node:test', 'it'],
    beforeEach: ['node:test', 'beforeEach'],
    afterEach: ['node:test', 'afterEach'],
    beforeAll: ['node:test', 'before'],
    afterAll: ['node:test', 'after'],
    expect: ['expect', 'expect'],
  },
};

/** Modifiers of it/test/describe each runner has with vitest's meaning. */
const MODIFIERS: Record<OtherRunner, ReadonlySet<string>> = {
  jest: new Set(['each', 'only', 'skip', 'todo']),
  mocha: new Set(['each', 'only', 'skip']),
  'node-test': new Set(['each', 'only', 'skip', 'todo']),
};

/** Matchers only vitest has, and snapshot matchers, which need the runner's snapshot store. */
const VITEST_ONLY_MATCHERS =
  /\.(toBeTypeOf|toSatisfy|toBeOneOf|toHaveBeenCalledExactlyOnceWith|toMatchFileSnapshot|toHaveBeenCalledBefore|toHaveBeenCalledAfter|toHaveResolved\w*)\(/;
const SNAPSHOT_MATCHERS = /\.(toMatchSnapshot|toMatchInlineSnapshot|toThrowErrorMatchingSnapshot|toThrowErrorMatchingInlineSnapshot)\(/;
/** `expect.<x>` helpers standalone expect lacks or that mean something else outside vitest. */
const VITEST_ONLY_EXPECT = /\bexpect\.(soft|poll|unreachable|assertions|hasAssertions|addSnapshotSerializer)\b/;
/** A test function with parameters: vitest passes its test context, jest and mocha a `done` callback. */
const TEST_WITH_PARAMS = /\b(?:it|test)(?:\.\w+)*\(\s*(['"`])(?:\\.|(?!\1).)*\1\s*,\s*(?:async\s+)?(?:function\s*\w*\s*)?\(\s*[^)\s]/s;
const VITEST_IMPORT = /^import\s*\{([^}]*)\}\s*from\s*['"]vitest['"];?[ \t]*$/m;

/**
 * vitest's `it.each(table)(name, fn)` for runners without it: one test per row, named with the
 * row's values formatted into `name` by its printf placeholders, as vitest (and jest) name them.
 */
const EACH_HELPER = `import { format as formatTitle } from 'node:util';
const each = (register) => (table) => (name, fn) => {
  const placeholders = (name.match(/%[sdifjo]/g) ?? []).length;
  for (const row of table) {
    const args = Array.isArray(row) ? row : [row];
    register(formatTitle(name, ...args.slice(0, placeholders)), () => fn(...args));
  }
};`;

function refuse(reason: string): never {
  throw new UnsupportedTestApi(reason);
}

/** Checks `body` (the file without its vitest import) uses nothing `runner` cannot say. */
function checkSupported(body: string, runner: OtherRunner): void {
  if (/\bvi\./.test(body)) refuse('uses vi (mocks, spies or fake timers): no equivalent in the same words');
  const matcher = VITEST_ONLY_MATCHERS.exec(body)?.[1];
  if (matcher) refuse(`uses ${matcher}, a vitest-only matcher`);
  const snapshot = SNAPSHOT_MATCHERS.exec(body)?.[1];
  if (snapshot && runner !== 'jest') refuse(`uses ${snapshot}: ${runner} has no snapshot store`);
  const helper = VITEST_ONLY_EXPECT.exec(body)?.[1];
  if (helper) refuse(`uses expect.${helper}, which standalone expect does not give`);
  if (TEST_WITH_PARAMS.test(body)) refuse("a test function takes vitest's test context, which other runners pass as something else");
  for (const [, modifier] of body.matchAll(/\b(?:it|test|describe)\.(\w+)/g)) {
    if (!MODIFIERS[runner].has(modifier!)) refuse(`uses .${modifier}, which ${runner} does not have`);
  }
}

/** The import lines giving `names` (vitest's imported names, `a as b` allowed) under `runner`. */
function importLines(names: readonly string[], runner: OtherRunner): string[] {
  const byModule = new Map<string, string[]>();
  for (const spec of names) {
    const [imported, local = imported] = spec.split(/\s+as\s+/) as [string, string?];
    const source = SOURCES[runner][imported];
    if (!source) refuse(`imports ${imported} from vitest, which ${runner} has no equivalent of`);
    const [module, exported] = source;
    const specifier = exported === local ? exported : `${exported} as ${local}`;
    byModule.set(module, [...(byModule.get(module) ?? []), specifier]);
  }
  return [...byModule].map(([module, specifiers]) => `import { ${specifiers.join(', ')} } from '${module}';`);
}

/** `source`, a vitest test file, said for `runner`; throws UnsupportedTestApi with the reason. */
export function reExpress(source: string, runner: OtherRunner): string {
  const match = VITEST_IMPORT.exec(source);
  if (!match) refuse('does not import its API from vitest in one named import');
  const body = source.slice(0, match.index) + source.slice(match.index + match[0].length);
  checkSupported(body, runner);
  const names = match[1]!
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const header = importLines(names, runner);
  const needsEach = runner !== 'jest' && /\b(?:it|test|describe)\.each\(/.test(body);
  if (needsEach) header.push(EACH_HELPER);
  const rewritten = needsEach ? source.replace(/\b(it|test|describe)\.each\(/g, 'each($1)(') : source;
  return rewritten.replace(VITEST_IMPORT, header.join('\n'));
}

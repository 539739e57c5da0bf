import { describe, expect, it } from 'vitest';
import { findTestScope } from '../../src/testing/test-scope.ts';

/** The scope of a project given as { path: text }, with the test files its runner reported. */
function scopeOf(project: Record<string, string>, runnerTestFiles: string[] = []): string[] {
  const texts = new Map(Object.entries(project));
  return [...findTestScope({ files: Object.keys(project), texts, runnerTestFiles })].sort();
}

describe('which files belong to the tests', () => {
  it('takes test files from the runner, whatever their names, and the helpers beside them', () => {
    const scope = scopeOf(
      {
        'vitest.config.ts': "export default { test: { include: ['checks/**/*.check.ts'] } };",
        'checks/math.check.ts': "import { add } from '../src/math.ts';\nimport { pair } from './pairs.ts';",
        'checks/pairs.ts': 'export const pair = [1, 2];',
        'checks/expected.json': '{}',
        'src/math.ts': 'export const add = (a, b) => a + b;',
      },
      ['checks/math.check.ts'],
    );
    expect(scope).toEqual(['checks/expected.json', 'checks/math.check.ts', 'checks/pairs.ts', 'vitest.config.ts']);
  });

  it('takes the set-up files the runner configuration names, and what they import', () => {
    const scope = scopeOf({
      'vitest.config.ts': "export default { test: { setupFiles: ['./test-setup/env.ts'], globalSetup: 'global/start.ts' } };",
      'test-setup/env.ts': "import { seed } from '../seed/data.ts';",
      'seed/data.ts': 'export const seed = 1;',
      'global/start.ts': 'export default () => {};',
      'src/app.ts': 'export const app = 1;',
      'tests/app.test.ts': "import { app } from '../src/app.ts';",
    });
    expect(scope).toEqual(['global/start.ts', 'test-setup/env.ts', 'tests/app.test.ts', 'vitest.config.ts']);
  });

  it("takes the set-up files of jest's JSON config (<rootDir> paths) and of mocha's options", () => {
    const scope = scopeOf({
      'jest.config.json': '{ "setupFilesAfterEnv": ["<rootDir>/support/matchers.js"] }',
      'support/matchers.js': 'expect.extend({});',
      'test/mocha.opts': '--require test/boot.js',
      'src/app.js': 'module.exports = 1;',
    });
    expect(scope).toEqual(['jest.config.json', 'support/matchers.js', 'test/mocha.opts']);
  });

  it('takes helpers and fixtures only tests use, in test-side places, through chains of imports', () => {
    const scope = scopeOf({
      'fixtures/make-order.ts': "import { Order } from '../src/order.js';\nimport { line } from './line.ts';",
      'fixtures/line.ts': 'export const line = 1;',
      'test-utils/render.ts': 'export const render = 1;',
      'src/order.ts': 'export class Order {}',
      'src/__mocks__/clock.ts': 'export const now = 0;',
      'src/order.test.ts':
        "import { Order } from './order';\nimport { make } from '../fixtures/make-order';\nimport '../test-utils/render.ts';",
    });
    expect(scope).toEqual([
      'fixtures/line.ts',
      'fixtures/make-order.ts',
      'src/__mocks__/clock.ts',
      'src/order.test.ts',
      'test-utils/render.ts',
    ]);
  });

  it('leaves code under test editable: co-located sources, and helpers that other code imports too', () => {
    const scope = scopeOf({
      'src/cart.ts': "import { money } from './fixtures/money.ts';",
      'src/cart.test.ts': "import { cart } from './cart.ts';\nimport { money } from './fixtures/money.ts';",
      'src/fixtures/money.ts': 'export const money = 1;',
      'lib/util.ts': 'export const util = 1;',
      'lib/util.test.ts': "import { util } from './util.ts';",
    });
    expect(scope).toEqual(['lib/util.test.ts', 'src/cart.test.ts']);
  });

  it('does not take a folder of tests for a test root when its tests sit next to their sources', () => {
    const scope = scopeOf(
      {
        'app/total.ts': "import { round } from '../shared/round.ts';",
        'app/total.check.ts': "import { total } from './total.ts';\nimport { round } from '../shared/round.ts';",
        'app/format.ts': 'export const format = 1;',
        'shared/round.ts': 'export const round = 1;',
      },
      ['app/total.check.ts'],
    );
    expect(scope).toEqual(['app/total.check.ts']);
  });
});

import { describe, expect, it } from 'vitest';
import { isTestPath } from '../../../src/suggest/repair/localize/test-paths.ts';

describe('isTestPath', () => {
  it('recognizes tests, test helpers, test config and dependencies', () => {
    for (const path of [
      'src/cart.test.ts', 'src/cart.spec.js', 'lib/x.test.tsx', 'src/__tests__/cart.ts', 'tests/helpers/build.ts',
      'test/util.js', 'packages/a/tests/x.ts', 'vitest.config.ts', 'vite.config.mts', 'vitest.workspace.ts',
      'jest.config.cjs', 'src/__mocks__/fs.ts', 'node_modules/lodash/index.js', 'vitest.setup.ts', 'e2e/login.ts',
    ]) {
      expect(isTestPath(path), path).toBe(true);
    }
  });

  it('leaves ordinary sources alone, including names that merely contain "test"', () => {
    for (const path of ['src/cart.ts', 'src/testing/report.ts', 'src/latest.ts', 'lib/contest/score.js', 'src/spectrum.ts']) {
      expect(isTestPath(path), path).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { isTestPath, refusePath } from '../../src/contract/test-files.ts';

describe('isTestPath', () => {
  it('recognizes tests, test helpers, test config and the test script', () => {
    for (const path of [
      'src/cart.test.ts',
      'src/cart.spec.js',
      'lib/x.test.tsx',
      'src/__tests__/cart.ts',
      'tests/helpers/build.ts',
      'test/util.js',
      'packages/a/tests/x.ts',
      'vitest.config.ts',
      'vite.config.mts',
      'vitest.workspace.ts',
      'jest.config.cjs',
      'src/__mocks__/fs.ts',
      'vitest.setup.ts',
      'e2e/login.ts',
      'package.json',
      'src\\cart.test.ts',
    ]) {
      expect(isTestPath(path), path).toBe(true);
    }
  });

  it('leaves ordinary sources alone, including names that merely contain "test"', () => {
    for (const path of ['src/cart.ts', 'src/testing/report.ts', 'src/latest.ts', 'lib/contest/score.js', 'src/spectrum.ts']) {
      expect(isTestPath(path), path).toBe(false);
    }
  });

  it('refuses dependencies as off limits, though they are not tests', () => {
    expect(isTestPath('node_modules/lodash/index.js')).toBe(false);
    expect(refusePath('node_modules/lodash/index.js')?.reason).toMatch(/off limits/);
  });
});

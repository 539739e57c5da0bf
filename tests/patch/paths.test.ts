import { describe, expect, it } from 'vitest';
import { isTestPath, normalizeProjectPath, refusePath } from '../../src/contract/test-files.ts';

describe('normalizeProjectPath', () => {
  it('normalizes separators and dots inside the project', () => {
    expect(normalizeProjectPath('./src//a.ts')).toBe('src/a.ts');
    expect(normalizeProjectPath('src\\lib\\a.ts')).toBe('src/lib/a.ts');
    expect(normalizeProjectPath('src/../lib/a.ts')).toBe('lib/a.ts');
  });

  it('rejects paths that leave the project or are not relative', () => {
    for (const bad of ['../x.ts', 'src/../../x.ts', '/etc/passwd', 'C:/x.ts', '', '.', '..']) {
      expect(normalizeProjectPath(bad), bad).toBeUndefined();
    }
  });
});

describe('isTestPath', () => {
  it.each([
    'src/a.test.ts',
    'src/a.spec.js',
    'src/a.test.tsx',
    'lib/b.spec.mjs',
    'tests/helpers.ts',
    'test/helpers.ts',
    'src/__tests__/x.ts',
    'packages/p/tests/x.ts',
    'vitest.config.ts',
    'vitest.config.mts',
    'packages/p/vite.config.js',
    'jest.config.cjs',
    'vitest.workspace.ts',
    'package.json',
  ])('%s is a test path', (file) => {
    expect(isTestPath(file)).toBe(true);
  });

  it.each(['src/a.ts', 'src/testing.ts', 'src/contest/a.ts', 'src/latest.ts', 'README.md', 'src/spec-parser.ts'])('%s is not', (file) => {
    expect(isTestPath(file)).toBe(false);
  });
});

describe('refusePath', () => {
  it('allows ordinary source files', () => {
    expect(refusePath('src/cart.ts')).toBeUndefined();
  });

  it('says why a path is refused', () => {
    expect(refusePath('../outside.ts')?.reason).toMatch(/escapes the project/);
    expect(refusePath('tests/cart.test.ts')?.reason).toMatch(/tests or test configuration/);
    expect(refusePath('node_modules/x/index.js')?.reason).toMatch(/off limits/);
    expect(refusePath('.git/config')?.reason).toMatch(/off limits/);
  });
});

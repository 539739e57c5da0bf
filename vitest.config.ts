import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Projects the tests run the tool on; their own suites are theirs, not ours.
    exclude: ['tests/fixtures/**', '**/node_modules/**'],
    setupFiles: ['tests/support/neutral-env.ts'],
    // Sandboxed vitest runs inside these tests are slow on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Sandboxed vitest runs inside these tests are slow on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

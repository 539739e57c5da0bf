import { defineConfig } from 'vitest/config';

// Only the visible suite; heldout/ is for the benchmark's final check.
export default defineConfig({
  test: { include: ['tests/**/*.test.{ts,js}'] },
});

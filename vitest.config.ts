import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two cores: forks keep servers of different files apart without oversubscribing.
    pool: 'forks',
    maxWorkers: 2,
  },
});

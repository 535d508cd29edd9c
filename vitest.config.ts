import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // One graphql module: Vite would pick graphql's ESM build for src/ while Node loads the CJS one for
    // graphql-yoga, and `instanceof GraphQLError` in the error masker would fail across the two.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tests run apart (`npm run test:browser`): they need Chromium.
    exclude: ['test/browser/**', '**/node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two cores: forks keep servers of different files apart without oversubscribing.
    pool: 'forks',
    maxWorkers: 2,
  },
});

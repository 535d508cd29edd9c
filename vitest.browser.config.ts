import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/** `npm run test:browser`: the pages in Debian's Chromium (one worker: one browser at a time on two cores). */
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});

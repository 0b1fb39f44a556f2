import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e files start Chromium and browser mode; two cores, so keep files from piling up.
    maxWorkers: 2,
  },
});

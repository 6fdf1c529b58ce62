import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Builds dist/ once (if stale) for the tests that spawn the CLI.
    globalSetup: ['./vitest.global-setup.ts'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: keep the pool small so subprocess and JVM tests are not starved.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NO_COLOR: '1', FORCE_COLOR: '' },
    // fast-check properties take the run's seed (WDATP_TEST_SEED, test/support/seed.ts).
    setupFiles: ['./test/support/seed-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});

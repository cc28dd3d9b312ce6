import { defineConfig } from 'vitest/config';

// One seed per run for every seeded random test and fast-check property (test/support/seed.ts): given to replay a
// failure, else taken from the clock. Set here, once, so every file and worker of the run shares it.
process.env.WDATP_TEST_SEED ||= String(Date.now() % 1_000_000);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: keep the pool small so subprocess and JVM tests are not starved.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NO_COLOR: '1', FORCE_COLOR: '', WDATP_TEST_SEED: process.env.WDATP_TEST_SEED },
    setupFiles: ['./test/support/seed-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});

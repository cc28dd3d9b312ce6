/**
 * The one seed of a test run: every seeded random test (test/support/random.ts) and every fast-check property
 * (test/support/seed-setup.ts) draws from it, so one variable replays a failure:
 * `WDATP_TEST_SEED=<seed> npx vitest run <file>`. vitest.config.ts sets it once per run (from the clock unless
 * given), so all files and workers of a run share it. No imports: the setup file loads this before every test file.
 */
export const TEST_SEED: number = seedFromEnv(process.env.WDATP_TEST_SEED);

function seedFromEnv(text: string | undefined): number {
  if (text === undefined || text === '') return Date.now() % 1_000_000;
  if (!/^\d{1,9}$/.test(text)) throw new Error(`WDATP_TEST_SEED must be a whole number below 10^9, not "${text}"`);
  return Number(text);
}

/** How to run a test again with this run's seed, for failure messages. */
export const REPLAY = `seed ${TEST_SEED}; replay with WDATP_TEST_SEED=${TEST_SEED}`;

/**
 * The one seed of a test run: every seeded random test (test/support/random.ts) and every fast-check property
 * (test/support/seed-setup.ts) draws from it, so one variable replays a failure or explores new inputs:
 * `WDATP_TEST_SEED=<n> npx vitest run <file>`. Unset, it is DEFAULT_SEED, so `npm test` checks the same inputs on
 * every run and machine and stays deterministic; a failure message and the run's summary name the seed used.
 * No imports: the setup file loads this before every test file, and the summary reporter in the main process.
 */
export const DEFAULT_SEED = 1;

export const TEST_SEED: number = seedFromEnv(process.env.WDATP_TEST_SEED);

function seedFromEnv(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_SEED;
  if (!/^\d{1,9}$/.test(text)) throw new Error(`WDATP_TEST_SEED must be a whole number below 10^9, not "${text}"`);
  return Number(text);
}

/** How to run a test again with this run's seed, for failure messages. */
export const REPLAY = `seed ${TEST_SEED}; replay with WDATP_TEST_SEED=${TEST_SEED}`;

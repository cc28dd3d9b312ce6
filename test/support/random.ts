import { onTestFailed } from 'vitest';
import { seededRandom, type Random } from '../../src/sandbox/index.js';
import { REPLAY, TEST_SEED } from './seed.js';

/**
 * The run's generator (the sandbox's, so tests and generated alerts share one algorithm) for the running test;
 * if the test fails, its error messages end with the seed and how to replay it.
 */
export function testRandom(): Random {
  onTestFailed(({ task }) => {
    for (const error of task.result?.errors ?? []) error.message = `${error.message}\n(${REPLAY})`;
  });
  return seededRandom(TEST_SEED);
}

// Loaded before every test file (vitest.config.ts setupFiles): fast-check properties take the run's seed, so a
// failing property replays with the same WDATP_TEST_SEED; fast-check's own failure report prints that seed.
import fc from 'fast-check';
import { TEST_SEED } from './seed.js';

fc.configureGlobal({ seed: TEST_SEED });

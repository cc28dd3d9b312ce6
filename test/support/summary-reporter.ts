import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, `N passed, N failed[, N skipped]`, that CI logs and people can grep; before it,
 * when something failed, the run's seed.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (module.state() === 'failed' && module.children.size === 0) failed++; // a file that failed to load
    }
    // Seeded tests and fast-check properties drew from this run's seed (vitest.config.ts): say how to replay them.
    const seed = process.env.WDATP_TEST_SEED;
    if (failed > 0 && seed) process.stdout.write(`\nRandom inputs came from seed ${seed}; replay with WDATP_TEST_SEED=${seed}.\n`);
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}

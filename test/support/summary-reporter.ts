import type { Reporter, TestModule } from 'vitest/node';
import { REPLAY } from './seed.js';

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
    // Seeded tests and fast-check properties drew from the run's seed: say how to replay them.
    if (failed > 0) process.stdout.write(`\nRandom inputs came from ${REPLAY}.\n`);
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}

export { ExistsError, writeFileAtomic, type AtomicWriteOptions } from './atomic.js';
export { readIfExists, unifiedDiff, writeFileGuarded, type GuardedWriteOptions, type WriteOutcome } from './guarded.js';

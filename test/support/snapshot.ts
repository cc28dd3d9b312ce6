import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, type CliResult } from './cli.js';
import { TEMP_PREFIX } from './temp.js';

/** What a user's shell sees of one run, as recorded in a snapshot. */
export interface CliSnapshot {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

const VERSION: unknown = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The parts of an output that differ between machines and runs, most specific first: the temp folders of
 * test/support/temp.ts (named by their label, so `<tmp:render>/WDATP-connector.properties`), the repository, the
 * package version, ports the tests listen on, and the Node version.
 */
const MACHINE_SPECIFIC: Array<[RegExp, string]> = [
  [new RegExp(`${escape(join(tmpdir(), TEMP_PREFIX))}([a-z0-9-]+?)-[A-Za-z0-9]{6}`, 'g'), '<tmp:$1>'],
  [new RegExp(escape(repoRoot), 'g'), '<repo>'],
  ...(typeof VERSION === 'string' ? [[new RegExp(`(?<![\\w.])${escape(VERSION)}(?![\\w.])`, 'g'), '<version>'] satisfies [RegExp, string]] : []),
  // Only the loopback addresses tests listen on; `localhost:44300` is the connector's fixed redirect URI and stays.
  [/(127\.0\.0\.1|\[::1\]):\d{2,5}\b/g, '$1:<port>'],
  [new RegExp(escape(process.version), 'g'), '<node>'],
];

/** Replaces what differs between machines and runs (see MACHINE_SPECIFIC, then `more`) with stable placeholders. */
export function normalise(text: string, more: ReadonlyArray<[RegExp, string]> = []): string {
  return [...MACHINE_SPECIFIC, ...more].reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** A run's exit code, stdout and stderr, normalised, for `expect(cliSnapshot(r)).toMatchSnapshot()`. */
export function cliSnapshot(result: CliResult, more: ReadonlyArray<[RegExp, string]> = []): CliSnapshot {
  return { exitCode: result.code, stdout: normalise(result.stdout, more), stderr: normalise(result.stderr, more) };
}

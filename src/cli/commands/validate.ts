import { resolve } from 'node:path';
import { defineCommand, type GlobalOptions } from '../command.js';
import { parseFastArgs } from '../fast-args.js';

export interface ValidateArgv {
  files?: string[];
  format: 'text' | 'json' | 'sarif' | 'github';
  failOn: 'error' | 'warning' | 'none';
  eventsUrl?: string;
  outputFile?: string;
}

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
const FAIL_ON = ['error', 'warning', 'none'] as const;

/** validate runs in CI on every push, so it skips loading yargs for plain argument lists (see CommandModule parseFast). */
export function parseValidateArgs(args: readonly string[]): (ValidateArgv & GlobalOptions) | undefined {
  return parseFastArgs(args, {
    positional: 'files',
    options: { format: { type: 'choice', choices: FORMATS }, 'fail-on': { type: 'choice', choices: FAIL_ON }, 'events-url': { type: 'string' }, 'output-file': { type: 'string', nonEmpty: true } },
    defaults: { format: 'text', failOn: 'error' },
  }) as (ValidateArgv & GlobalOptions) | undefined;
}

export default defineCommand<ValidateArgv>({
  parseFast: parseValidateArgs,
  command: 'validate [files..]',
  builder: (y) =>
    y
      .positional('files', {
        type: 'string',
        array: true,
        describe: 'Client properties, *.jsonparser.properties and values *.json files, or folders holding them (default: the current folder)',
      })
      .option('format', {
        choices: FORMATS,
        default: 'text' as const,
        describe: 'Output: text (people), json (scripts), sarif (code scanning), github (workflow annotations)',
      })
      .option('fail-on', {
        choices: FAIL_ON,
        default: 'error' as const,
        describe: 'Exit 1 when a finding is at least this severe (none: exit 0 whatever is found)',
      })
      .option('events-url', {
        type: 'string',
        describe: 'The connector\'s Events URL to check against the client file (it lives in the connector wizard)',
      })
      .option('output-file', {
        type: 'string',
        describe: 'Write the report to this file instead of stdout',
      })
      .example('$0 validate', 'Check the connector files in the current folder')
      .example('$0 validate connector/ --format sarif --output-file validate.sarif', 'SARIF for GitHub code scanning')
      .example('$0 validate WDATP-connector.properties --events-url "https://wdatp-alertexporter-eu.securitycenter.windows.com/api/alerts?sinceTimeUtc=$START_AT_TIME"', 'Check the Events URL too') as never,
  run: async (argv, ctx) => {
    const [{ lintPaths, failsAt }, { FINDINGS_RENDERERS }, { version }] = await Promise.all([
      import('../../lint/index.js'),
      import('../render/findings/index.js'),
      import('../version.js'),
    ]);
    const result = await lintPaths(argv.files ?? [], { cwd: ctx.io.cwd, eventsUrl: argv.eventsUrl });
    const toFile = argv.outputFile !== undefined;
    const chalk = argv.format === 'text' && !toFile ? ctx.out : ctx.plain;
    const report = FINDINGS_RENDERERS[argv.format](result, { chalk, tool: { name: 'wdatp-arcsight', version } });
    if (toFile) {
      const { writeFileAtomic } = await import('../../fsio/index.js');
      await writeFileAtomic(resolve(ctx.io.cwd, argv.outputFile!), report);
      ctx.log(`Wrote the ${argv.format} report to ${argv.outputFile} (${result.findings.length} finding(s)).`);
    } else {
      ctx.print(report);
    }
    return failsAt(result.findings, argv.failOn) ? 1 : 0;
  },
});

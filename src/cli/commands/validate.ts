import { resolve } from 'node:path';
import { defineCommand } from '../command.js';

export default defineCommand({
  command: 'validate [files..]',
  options: {
    files: {
      positional: true,
      type: 'string',
      array: true,
      describe: 'Client properties, *.jsonparser.properties and values *.json files, or folders holding them (default: the current folder)',
    },
    format: {
      choices: ['text', 'json', 'sarif', 'github'],
      default: 'text',
      describe: 'Output: text (people), json (scripts), sarif (code scanning), github (workflow annotations)',
    },
    'fail-on': {
      choices: ['error', 'warning', 'none'],
      default: 'error',
      describe: 'Exit 1 when a finding is at least this severe (none: exit 0 whatever is found)',
    },
    'events-url': {
      type: 'string',
      describe: "The connector's Events URL to check against the client file (it lives in the connector wizard)",
    },
    'output-file': {
      type: 'string',
      describe: 'Write the report to this file instead of stdout',
    },
  },
  // validate runs in CI on every push, so plain argument lists skip loading yargs.
  fast: true,
  builder: (y) =>
    y
      .example('$0 validate', 'Check the connector files in the current folder')
      .example('$0 validate connector/ --format sarif --output-file validate.sarif', 'SARIF for GitHub code scanning')
      .example(
        '$0 validate WDATP-connector.properties --events-url "https://wdatp-alertexporter-eu.securitycenter.windows.com/api/alerts?sinceTimeUtc=$START_AT_TIME"',
        'Check the Events URL too',
      ),
  run: async (argv, ctx) => {
    const [{ lintPaths, failsAt }, { FINDINGS_RENDERERS }, { version }] = await Promise.all([
      import('../../lint/index.js'),
      import('../render/findings/index.js'),
      import('../version.js'),
    ]);
    const result = await lintPaths(argv.files ?? [], { cwd: ctx.io.cwd, eventsUrl: argv.eventsUrl });
    const chalk = argv.format === 'text' && argv.outputFile === undefined ? ctx.out : ctx.plain;
    const report = FINDINGS_RENDERERS[argv.format](result, { chalk, tool: { name: 'wdatp-arcsight', version } });
    if (argv.outputFile !== undefined) {
      const { writeFileAtomic } = await import('../../fsio/index.js');
      await writeFileAtomic(resolve(ctx.io.cwd, argv.outputFile), report);
      ctx.log(`Wrote the ${argv.format} report to ${argv.outputFile} (${result.findings.length} finding(s)).`);
    } else {
      ctx.print(report);
    }
    return failsAt(result.findings, argv.failOn) ? 1 : 0;
  },
});

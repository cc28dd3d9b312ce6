import { resolve } from 'node:path';
import { UsageError } from '../../errors/index.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  command: 'migrate [dir]',
  options: {
    dir: {
      positional: true,
      type: 'string',
      conflicts: 'values',
      describe: 'Folder of the legacy connector files (its client file gives tenant, client id, secret and cloud)',
    },
    values: { type: 'string', describe: 'Legacy values file instead of a folder (the secret comes from the client file beside it)' },
    out: { type: 'string', describe: 'Write the Graph set-up into this folder (default: beside the legacy one)' },
    prefix: { type: 'string', describe: 'File prefix of the Graph set-up (default: the legacy prefix + "-graph")' },
    cloud: {
      type: 'string',
      choices: ['commercial', 'gcc', 'gcc-high', 'dod'],
      describe: 'The cloud, when the login host serves two (login.microsoftonline.us: gcc-high or dod)',
    },
    force: { type: 'boolean', describe: 'Overwrite Graph files of an earlier migrate that differ (legacy files are never written)' },
  },
  builder: (y) =>
    y
      .example('$0 migrate /opt/arcsight/connectors/wdatp', 'Graph set-up beside the legacy files of that folder')
      .example('$0 migrate --values WDATP-connector.values.json --out graph/', 'From a values file, into graph/'),
  run: async (argv, ctx) => {
    const connector = await import('../../connector/index.js');
    const input = await import('../prompts/connector-input.js');
    const report = await import('../prompts/connector-report.js');
    if (argv.dir === undefined && argv.values === undefined) {
      throw new UsageError('migrate needs the folder of the legacy connector files, or --values FILE.', {
        hint: 'e.g. wdatp-arcsight migrate /opt/arcsight/connectors/wdatp, or wdatp-arcsight migrate --values WDATP-connector.values.json',
      });
    }
    const valuesPath = argv.values === undefined ? undefined : resolve(ctx.io.cwd, argv.values);
    const plan = await connector.planMigration(
      {
        values: valuesPath === undefined ? undefined : { path: valuesPath, data: await input.readValuesFile(valuesPath) },
        dir: argv.dir === undefined ? undefined : resolve(ctx.io.cwd, argv.dir),
        cloud: argv.cloud,
      },
      { out: argv.out === undefined ? undefined : resolve(ctx.io.cwd, argv.out), prefix: argv.prefix },
    );
    for (const note of plan.notes) ctx.log(`${ctx.err.yellow.bold('Note:')} ${note}`);

    const written = await connector.writeConnectorFiles(plan.files, { force: argv.force });
    ctx.log(report.writtenText(written, ctx.io.cwd, ctx.err));
    ctx.log(
      plan.secretFrom === undefined
        ? `${ctx.err.yellow.bold('Warning:')} the legacy set-up had no client secret, so client_secret is empty in the Graph client file; fill it in (or run wdatp-arcsight render --values ... --client-secret-env VAR).`
        : `The client secret was carried over from ${plan.secretFrom} (not shown); it stays valid, as it belongs to the app.`,
    );
    ctx.log(`The legacy files were not changed: ${plan.legacyFiles.join(', ')}`);
    ctx.print(report.formValuesText(plan.graph, plan.files, plan.target, ctx.out));
    ctx.print(`\n${report.fieldChangesText(connector.FIELD_CHANGES, ctx.out)}\n`);
    return 0;
  },
});

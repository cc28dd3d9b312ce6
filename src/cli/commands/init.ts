import { join, resolve } from 'node:path';
import { defineCommand } from '../command.js';
import { CONNECTOR_OPTIONS, checkGivenValues, outputTarget, requireCompleteValues, startConnectorCommand } from '../prompts/connector-input.js';

export default defineCommand({
  command: 'init',
  options: {
    ...CONNECTOR_OPTIONS,
    'non-interactive': {
      type: 'boolean',
      describe: 'Never prompt: take flags, --values and the secret flags (implied without a TTY or with CI set)',
    },
  },
  builder: (y) =>
    y
      .example('$0 init', 'Answer a few questions (Graph alerts_v2 proposed); writes the files into the current folder')
      .example(
        '$0 init --non-interactive --tenant contoso.onmicrosoft.com --client-id <GUID> --client-secret-env WDATP_CLIENT_SECRET',
        'Scripted Graph set-up (--api graph is the default)',
      )
      .example('$0 init --non-interactive --values values.json --client-secret-env WDATP_CLIENT_SECRET --out connector/', 'Scripted set-up')
      .example('$0 init --tenant contoso.onmicrosoft.com --client-id <GUID> --arcsight-home /opt/arcsight/connectors/wdatp', 'Write into an ArcSight install'),
  run: async (argv, ctx) => {
    const given = await startConnectorCommand(argv, ctx, (g) => {
      // New set-ups use Graph; a values file without api is a SIEM API set-up written before Graph existed.
      if (g.values.api === undefined && g.valuesFile === undefined) g.values.api = 'graph';
      return checkGivenValues(g);
    });
    const { connector, report, gathered } = given;
    // --client-secret-stdin uses stdin for the secret, so there is nothing left to answer prompts with.
    const interactive = !(argv.nonInteractive || ctx.nonInteractive || argv.clientSecretStdin);

    let values: import('../../connector/index.js').ConnectorValues;
    let secret = given.secret;
    let secretSource = given.source;
    let target = outputTarget(argv, ctx, '.');
    const wizardIO = { input: ctx.io.stdin, output: ctx.io.stderr };
    if (interactive) {
      const { runInitWizard } = await import('../prompts/init-wizard.js');
      const answers = await runInitWizard(
        {
          defaults: gathered.values,
          fixed: gathered.fromFlags,
          askSecret: secret === undefined,
          askOutDir: argv.out === undefined && argv.arcsightHome === undefined,
          outDirDefault: '.',
        },
        wizardIO,
      );
      values = answers.values;
      if (answers.secret !== undefined) {
        secret = answers.secret;
        secretSource = 'the prompt';
      }
      if (answers.outDir !== undefined) target = { kind: 'folder', dir: resolve(ctx.io.cwd, answers.outDir) };
    } else {
      values = await requireCompleteValues(gathered, 'init');
    }
    // The values file init writes names its source API, whatever the input left implicit.
    values = connector.orderValues({ ...values, api: connector.apiOf(values) });

    const paths = connector.connectorPaths(target, values.prefix);
    let status: import('../prompts/connector-report.js').SecretStatus;
    if (secret !== undefined) status = { kind: 'given', source: secretSource ?? 'a flag' };
    else {
      secret = await connector.existingClientSecret(paths.client);
      status = secret === undefined ? { kind: 'empty' } : { kind: 'kept' };
    }
    const files = connector.planConnectorFiles(values, secret, target);

    if (interactive) {
      const { confirmWrite } = await import('../prompts/init-wizard.js');
      await confirmWrite(report.summaryText(values, files, status, ctx.io.cwd), wizardIO);
    }
    if (target.kind === 'arcsight-home') await warnIfNotArcSightHome(target.home, ctx.log, ctx.err);

    const written = await connector.writeConnectorFiles(files, { force: argv.force });
    ctx.log(report.writtenText(written, ctx.io.cwd, ctx.err));
    if (status.kind === 'empty') {
      ctx.log(
        `${ctx.err.yellow.bold('Warning:')} no client secret was given, so client_secret is empty in ${paths.client}. ` +
          'Fill it in, or run again with --client-secret-env VAR or --client-secret-stdin, before starting the connector.',
      );
    }
    ctx.print(report.formValuesText(values, files, target, ctx.out));
    return 0;
  },
});

async function warnIfNotArcSightHome(home: string, log: (line: string) => void, c: import('chalk').ChalkInstance): Promise<void> {
  const { stat } = await import('node:fs/promises');
  const isDir = await stat(join(home, 'current')).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) log(`${c.yellow.bold('Warning:')} ${home} has no current/ folder; is it an ArcSight SmartConnector install? Writing anyway.`);
}

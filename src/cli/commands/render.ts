import { defineCommand } from '../command.js';
import { CONNECTOR_OPTIONS, outputTarget, requireCompleteValues, startConnectorCommand, valuesFileDir } from '../prompts/connector-input.js';

export default defineCommand({
  command: 'render',
  options: {
    ...CONNECTOR_OPTIONS,
    check: {
      type: 'boolean',
      describe:
        'Write nothing; exit 1 with a diff when the files on disk differ from what the values render (client_secret compared only when a secret is given)',
    },
  },
  builder: (y) =>
    y
      .example('$0 render --values WDATP-connector.values.json --check', 'CI drift check of committed connector files')
      .example('$0 render --values values.json --out connector/ --client-secret-env WDATP_CLIENT_SECRET', 'Re-render after changing values'),
  run: async (argv, ctx) => {
    const { connector, report, gathered, checked: values, secret, source } = await startConnectorCommand(argv, ctx, (g) => requireCompleteValues(g, 'render'));
    // Without --out/--arcsight-home the files live beside the values file (the usual layout of a committed connector).
    const target = outputTarget(argv, ctx, valuesFileDir(gathered, ctx));
    // The values file given as input is never rewritten by its own render.
    const notInput = (f: { path: string }): boolean => f.path !== gathered.valuesFile;

    if (argv.check) {
      const files = connector.planConnectorFiles(values, secret, target).filter(notInput);
      const checks = await connector.checkConnectorFiles(files, { compareSecret: secret !== undefined });
      const bad = checks.filter((c) => c.status !== 'same');
      for (const c of bad) {
        ctx.print(c.status === 'missing' ? `${c.path}: missing\n` : `${c.diff}\n`);
      }
      const scope = secret === undefined ? ' (client_secret value not compared: no secret given)' : '';
      ctx.log(
        bad.length === 0
          ? `${ctx.err.green('Up to date:')} ${checks.length} file(s) match the values${scope}.`
          : `${ctx.err.red('Drift:')} ${bad.length} of ${checks.length} file(s) differ from the values${scope}. Run the same command without --check (add --force) to re-render.`,
      );
      return bad.length === 0 ? 0 : 1;
    }

    const paths = connector.connectorPaths(target, values.prefix);
    let effectiveSecret = secret;
    let status: import('../prompts/connector-report.js').SecretStatus = { kind: 'given', source: source ?? 'a flag' };
    if (effectiveSecret === undefined) {
      effectiveSecret = await connector.existingClientSecret(paths.client);
      status = effectiveSecret === undefined ? { kind: 'empty' } : { kind: 'kept' };
    }
    const files = connector.planConnectorFiles(values, effectiveSecret, target).filter(notInput);
    const written = await connector.writeConnectorFiles(files, { force: argv.force });
    ctx.log(report.writtenText(written, ctx.io.cwd, ctx.err));
    if (status.kind === 'empty') {
      ctx.log(
        `${ctx.err.yellow.bold('Warning:')} no client secret was given, so client_secret is empty in ${paths.client}. ` +
          'Fill it in, or run again with --client-secret-env VAR or --client-secret-stdin.',
      );
    }
    return 0;
  },
});

import type { Command } from './command.js';

export interface ManifestEntry {
  describe: string;
  load: () => Promise<{ default: Command }>;
}

/** Every sub-command: its one-line description and how to load it. Order is the order of `--help`. */
export const manifest: Record<string, ManifestEntry> = {
  init: { describe: 'Set up the two ArcSight FlexConnector REST files (wizard, or --non-interactive)', load: () => import('./commands/init.js') },
  render: { describe: 'Render the connector files from a values file; --check reports drift', load: () => import('./commands/render.js') },
  validate: {
    describe: 'Check connector files (client properties, parser, values) for mistakes; text, json, sarif or github output',
    load: () => import('./commands/validate.js'),
  },
  token: {
    describe: 'Sign in to Azure AD and print the refresh token for the connector; check refresh tokens, app credentials and the alert API',
    load: () => import('./commands/token.js'),
  },
  parse: { describe: 'Dry-run alert JSON through a jsonparser.properties file and show the ArcSight events', load: () => import('./commands/parse.js') },
  conformance: {
    describe: 'Prove a parser file: replay fixture alerts and compare the events field by field (text, json or junit report)',
    load: () => import('./commands/conformance.js'),
  },
  pull: {
    describe: "Run the connector's loop without ArcSight: refresh token, poll the Events URL, parse, write events exactly once",
    load: () => import('./commands/pull.js'),
  },
  sandbox: {
    describe:
      'Start an offline identity platform and alert API on loopback (SIEM API, or Graph alerts_v2 with --api graph), and print the values to point init, token and pull at',
    load: () => import('./commands/sandbox.js'),
  },
  migrate: {
    describe: 'Write the Graph alerts_v2 set-up of a legacy SIEM API set-up beside it, and show what changes for ArcSight content',
    load: () => import('./commands/migrate.js'),
  },
  demo: { describe: 'The whole pipeline offline in seconds: sandbox, connector files, validate, token, pull, CEF', load: () => import('./commands/demo.js') },
};

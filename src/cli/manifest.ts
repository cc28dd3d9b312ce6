import type { CommandModule } from './command.js';

export interface ManifestEntry {
  describe: string;
  load: () => Promise<{ default: CommandModule<never> }>;
}

/** Every sub-command: its one-line description and how to load it. Order is the order of `--help`. */
export const manifest: Record<string, ManifestEntry> = {
  // one line per command, e.g.:
  // init: { describe: '...', load: () => import('./commands/init.js') },
};

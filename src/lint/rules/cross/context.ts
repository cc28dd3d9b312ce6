import type { ClientContext } from '../client/context.js';
import type { ParserContext } from '../parser/context.js';
import type { ValuesContext } from '../values/context.js';
import type { Span } from '../../properties-source.js';

/** Where the Events URL came from: the --events-url flag, or derived from a values file. */
export type EventsUrlSource = { kind: 'flag'; url: string } | { kind: 'values'; url: string; file: string; span: Span };

/** Everything validate was given, for the rules that compare files with each other. */
export interface ProjectContext {
  clients: ClientContext[];
  parsers: ParserContext[];
  values: ValuesContext[];
  eventsUrls: EventsUrlSource[];
  /** The file cross-file findings without a place of their own are reported on (line 1). */
  anchorFile: string;
}

import { basename } from 'node:path';
import { cloudForEventsHost, cloudsForGraphHost, isLoopbackHost, type SourceApi } from '../../../connector/index.js';
import type { Issue } from '../../types.js';
import type { EventsUrlSource, ProjectContext } from './context.js';

/** An issue about the Events URL: on the values field it came from, or on line 1 of the anchor file for the flag. */
export function at(ctx: ProjectContext, src: EventsUrlSource, message: string, extra: Partial<Issue> = {}): Issue {
  if (src.kind === 'values') return { message: `Events URL derived from ${basename(src.file)}: ${message}`, file: src.file, ...src.span, ...extra };
  return { message: `Events URL (--events-url): ${message}`, file: ctx.anchorFile, line: 1, column: 1, ...extra };
}

export function flagUrls(ctx: ProjectContext): Array<EventsUrlSource & { kind: 'flag' }> {
  return ctx.eventsUrls.filter((e): e is EventsUrlSource & { kind: 'flag' } => e.kind === 'flag');
}

/**
 * Which API an Events URL calls: by its host (a Graph host or a SIEM alert-export host), else by its path (a
 * loopback sandbox serves both), or undefined when neither tells.
 */
export function eventsApi(url: URL): SourceApi | undefined {
  if (!isLoopbackHost(url.hostname)) {
    if (cloudsForGraphHost(url.hostname).length > 0) return 'graph';
    if (cloudForEventsHost(url.hostname)) return 'siem';
  }
  if (/\/security\//i.test(url.pathname)) return 'graph';
  if (/^\/api\/alerts\/?$/i.test(url.pathname)) return 'siem';
  return undefined;
}

/** The Graph `$filter` of an Events URL, decoded, or undefined when it has none. */
export function graphFilter(url: URL): string | undefined {
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === '$filter') return value;
  return undefined;
}

import type { AgentSeverity, ParsedEvent } from './event.js';
import { EVENT_FIELDS } from './schema.js';

/**
 * CEF:0 encoding of an event, as an ArcSight CEF destination would forward it:
 * `CEF:0|deviceVendor|deviceProduct|deviceVersion|deviceEventClassId|name|severity|extensions`.
 * Header fields escape `\` and `|` (line breaks become spaces: the header has no escape for them); extension
 * values escape `\`, `=`, CR (`\r`) and LF (`\n`). DateTime fields are epoch milliseconds.
 */

/** CEF's integer scale for the agent severity: 0-3 Low, 4-6 Medium, 7-8 High, 9-10 Very-High. */
export const CEF_SEVERITY: Readonly<Record<AgentSeverity, string>> = {
  Low: '3',
  Medium: '5',
  High: '8',
  'Very-High': '10',
  Unknown: 'Unknown',
};

const HEADER_FIELDS = ['deviceVendor', 'deviceProduct', 'deviceVersion', 'deviceEventClassId', 'name'] as const;
const IN_HEADER: ReadonlySet<string> = new Set(HEADER_FIELDS);

export function escapeCefHeader(value: string): string {
  return value.replace(/[\\|]/g, (c) => `\\${c}`).replace(/\r\n|[\r\n]/g, ' ');
}

export function escapeCefExtensionValue(value: string): string {
  return value.replace(/[\\=\r\n]/g, (c) => (c === '\r' ? '\\r' : c === '\n' ? '\\n' : `\\${c}`));
}

/** Additional-data names become `ad.<name>` keys; characters CEF keys cannot hold become `_`. */
export function additionalDataKey(name: string): string {
  return `ad.${name.replace(/[^A-Za-z0-9_.,[\]-]/g, '_')}`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

export function toCef(e: ParsedEvent): string {
  const f = e.fields;
  const header = HEADER_FIELDS.map((name) => {
    const v = f.get(name);
    return v === undefined ? '' : escapeCefHeader(text(v));
  });
  const severity = CEF_SEVERITY[e.agentSeverity ?? 'Unknown'];
  const ext: string[] = [];
  for (const [name, value] of f) {
    if (IN_HEADER.has(name)) continue;
    const key = EVENT_FIELDS.get(name)?.cefKey ?? name;
    ext.push(`${key}=${escapeCefExtensionValue(text(value))}`);
  }
  for (const [name, value] of e.additionalData) ext.push(`${additionalDataKey(name)}=${escapeCefExtensionValue(value)}`);
  return `CEF:0|${header.join('|')}|${severity}|${ext.join(' ')}`;
}

import { printable } from '../errors/index.js';
import { eventToJson, toCef, type ParsedEvent } from '../flex/index.js';

export type PullFormat = 'cef' | 'ndjson' | 'table';
export const PULL_FORMATS: readonly PullFormat[] = ['cef', 'ndjson', 'table'];

/** The columns of the table format: a few fields that identify an event at a glance. */
const COLUMNS: ReadonlyArray<{ title: string; width: number; fields: string[] }> = [
  { title: 'deviceReceiptTime', width: 24, fields: ['deviceReceiptTime', 'startTime'] },
  { title: 'severity', width: 13, fields: ['deviceSeverity', 'agentSeverity'] },
  { title: 'host', width: 22, fields: ['sourceHostName', 'sourceDnsDomain', 'destinationHostName'] },
  { title: 'externalId', width: 32, fields: ['externalId'] },
  { title: 'name', width: 0, fields: ['name'] },
];

function cell(text: string, width: number): string {
  // Alert text reaches a terminal here: control characters are shown escaped, never acted on.
  const flat = printable(text);
  if (width === 0) return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat.padEnd(width);
}

/** The table's header line (written once at the top of an empty output). */
export function tableHeader(): string {
  const titles = COLUMNS.map((c) => cell(c.title, c.width)).join('  ');
  return `${titles}\n${COLUMNS.map((c) => '-'.repeat(c.width || 40)).join('  ')}\n`;
}

export function tableRow(event: ParsedEvent): string {
  const json = eventToJson(event);
  const value = (fields: string[]): string => {
    for (const f of fields) if (json[f] !== undefined && json[f] !== null && json[f] !== '') return String(json[f]);
    return '-';
  };
  return `${COLUMNS.map((c) => cell(value(c.fields), c.width))
    .join('  ')
    .trimEnd()}\n`;
}

/** The text `pull` writes for one alert's events in a format: one line per event. */
export function serializeEvents(format: PullFormat, events: readonly ParsedEvent[]): string {
  switch (format) {
    case 'cef':
      return events.map((e) => `${toCef(e)}\n`).join('');
    case 'ndjson':
      return events.map((e) => `${JSON.stringify(eventToJson(e))}\n`).join('');
    case 'table':
      return events.map(tableRow).join('');
  }
}

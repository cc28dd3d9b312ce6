import type { ChalkInstance } from 'chalk';
import { eventToJson, type ParsedEvent, type ParserSpec } from '../../flex/index.js';
import type { EventOrigin } from '../../parse-run/index.js';
import { eventTableWriter } from './events-table.js';

export type EventFormat = 'table' | 'json' | 'ndjson' | 'cef';
export type { EventOrigin };

/**
 * Turns events into output text for people (`table`) and as one JSON array (`json`); `event` returns the text for
 * one event, `end` what closes the output. (`ndjson` and `cef` are parse-run's PORTABLE_ENCODINGS: they need no
 * more than the event, so worker threads can write them.)
 */
export interface EventWriter {
  event(e: ParsedEvent, origin: EventOrigin): string;
  end(count: number): string;
}

export interface EventWriterOptions {
  spec: ParserSpec;
  showTokens: boolean;
  /** Colour for the table (machine formats never colour). */
  color: ChalkInstance;
}

export function createEventWriter(format: 'table' | 'json', options: EventWriterOptions): EventWriter {
  switch (format) {
    case 'json':
      return {
        // A JSON array written as the events arrive, so big runs need no buffering.
        event: (e, o) => `${o.number === 1 ? '[\n' : ',\n'}${indent(JSON.stringify(eventToJson(e), null, 2))}`,
        end: (count) => (count === 0 ? '[]\n' : '\n]\n'),
      };
    case 'table':
      return eventTableWriter(options);
  }
}

function indent(text: string): string {
  return `  ${text.replace(/\n/g, '\n  ')}`;
}

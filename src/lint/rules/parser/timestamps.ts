import { isNumericDateField, tokenizeDatePattern, type DatePatternPiece, type ExprNode } from '../../../flex/index.js';
import { defineRule } from '../../rule.js';
import type { Span } from '../../properties-source.js';
import type { Issue } from '../../types.js';
import { expressionSpan, type ParserContext } from './context.js';
import { allExpressions, walk } from './walk.js';

/** Operations whose second argument is a SimpleDateFormat pattern. */
const PATTERN_OPERATIONS = new Set(['__createOptionalTimeStampFromString', '__safeToDate']);

/** One place a SimpleDateFormat pattern is written. */
interface PatternUse {
  pattern: string;
  /** Span of characters [start, end) of the pattern. */
  span(start: number, end: number): Span;
  /** True when the pattern reads the alert's own text (a token), so the alert's time format applies. */
  readsAlertText: boolean;
  /** Where, for messages: `token[3].format` or `__safeToDate`. */
  where: string;
}

const cache = new WeakMap<ParserContext, PatternUse[]>();

function patternUses(ctx: ParserContext): PatternUse[] {
  let uses = cache.get(ctx);
  if (uses) return uses;
  uses = [];
  for (const t of ctx.spec.tokens) {
    if (t.format === undefined || t.collection || !['TimeStamp', 'Date', 'Time'].includes(t.type)) continue;
    const entry = ctx.entry(`token[${t.index}].format`);
    const text = entry && ctx.valueAt(entry.valueLine, entry.valueColumn);
    if (!text) continue;
    const offset = Math.max(0, text.decoded.indexOf(t.format));
    uses.push({ pattern: t.format, span: (s, e) => text.span(offset + s, offset + e), readsAlertText: true, where: `token[${t.index}].format` });
  }
  for (const { expr, source } of allExpressions(ctx.spec)) {
    walk(expr, (node) => {
      if (node.kind !== 'call' || !PATTERN_OPERATIONS.has(node.name)) return;
      const arg = node.args[1];
      const pattern = arg && literalOf(arg);
      if (!arg || pattern === undefined) return;
      // Offsets inside a quoted literal are exact unless it contains an escaped quote; then mark the argument.
      const inner = arg.kind === 'string' && !pattern.includes('"') ? arg.start + 1 : arg.kind !== 'string' ? arg.start : undefined;
      uses.push({
        pattern,
        span: (s, e) => (inner === undefined ? expressionSpan(ctx, source, arg.start, arg.end) : expressionSpan(ctx, source, inner + s, inner + e)),
        readsAlertText: node.args[0]?.kind === 'token',
        where: node.name,
      });
    });
  }
  cache.set(ctx, uses);
  return uses;
}

function literalOf(n: ExprNode): string | undefined {
  if (n.kind === 'string') return n.value;
  if (n.kind === 'literal') return n.value;
  if (n.kind === 'bare') return n.text;
  return undefined;
}

type PatternField = Extract<DatePatternPiece, { kind: 'field' }>;

/** Patterns SimpleDateFormat accepts; invalid ones are the loader's (WDA217/WDA224) to report. */
function validUses(ctx: ParserContext): Array<PatternUse & { pieces: DatePatternPiece[]; fields: Array<PatternField & { next?: DatePatternPiece }> }> {
  const out = [];
  for (const use of patternUses(ctx)) {
    let pieces: DatePatternPiece[];
    try {
      pieces = tokenizeDatePattern(use.pattern);
    } catch {
      continue;
    }
    const fields = pieces.flatMap((p, i) => (p.kind === 'field' ? [{ ...p, next: pieces[i + 1] }] : []));
    out.push({ ...use, pieces, fields });
  }
  return out;
}

const DEFENDER_FRACTION_HINT = 'Cut the fraction to three digits first, as the v2 WDATP parser does (WDATP times carry up to seven), then read it with SSS.';
const DEFENDER_ZONE_HINT = "Read the Z with X (yyyy-MM-dd'T'HH:mm:ss.SSSX on a three-digit fraction), or normalise the text first as the v2 WDATP parser does.";

const timestamp12Hour = defineRule<ParserContext>({
  id: 'WDA263',
  name: 'timestamp-12-hour',
  family: 'parser',
  severity: 'error',
  description: 'A date pattern that uses the 12-hour field (hh or KK) also has the AM/PM marker a.',
  fix: "Use HH (hour 0-23), e.g. yyyy-MM-dd'T'HH:mm:ss, or add a if the text really has AM/PM.",
  help:
    'Without a, SimpleDateFormat treats every time as AM: hour 12 is read as 0, so alerts between 12:00 and ' +
    "12:59 get a time twelve hours early (lenient parsing happens to accept 13-23). Microsoft's 1.0 parser file " +
    "has this flaw (yyyy-MM-dd'T'hh:mm:ss).",
  *check(ctx) {
    for (const use of validUses(ctx)) {
      if (use.fields.some((f) => f.letter === 'a')) continue;
      const f = use.fields.find((x) => x.letter === 'h' || x.letter === 'K');
      if (!f) continue;
      const fixed = 'H'.repeat(f.count);
      yield {
        message: `${use.where}: "${f.letter.repeat(f.count)}" is the 12-hour clock and the pattern has no AM/PM (a): 12:xx is read as 00:xx.`,
        hint: `Write ${fixed} instead of ${f.letter.repeat(f.count)}.`,
        ...use.span(f.start, f.start + f.count),
      };
    }
  },
});

const timestampFraction = defineRule<ParserContext>({
  id: 'WDA264',
  name: 'timestamp-fraction-digits',
  family: 'parser',
  severity: 'error',
  description: 'Fractions of a second are read with at most SSS, and only where the text has exactly three digits.',
  fix: 'Use SSS and give it exactly three digits (cut longer fractions off first), or stop the pattern before the fraction.',
  help:
    'SimpleDateFormat reads S as a number of milliseconds, not as a decimal fraction: .3191352 becomes 3191352 ms, ' +
    'almost an hour late. SSSSSSS does not help, and SSS followed by text that is not a number reads every digit ' +
    'there is. ISO-8601 times often carry more than three fraction digits; WDATP alert times carry up to seven ' +
    '(2017-05-07T01:56:59.3191352Z).',
  *check(ctx) {
    for (const use of validUses(ctx)) {
      for (const f of use.fields) {
        if (f.letter !== 'S') continue;
        const span = use.span(f.start, f.start + f.count);
        if (f.count > 3) {
          yield { message: `${use.where}: ${'S'.repeat(f.count)} reads the digits as milliseconds, not as a fraction: .3191352 becomes 3191352 ms.`, ...span };
        } else if (use.readsAlertText && !(f.next?.kind === 'field' && isNumericDateField(f.next))) {
          yield {
            message: ctx.readsDefenderAlerts
              ? `${use.where}: S reads every digit that follows as milliseconds, and WDATP times carry up to seven (.3191352 becomes 3191352 ms).`
              : `${use.where}: S reads every digit that follows as milliseconds; a time with more than three fraction digits (.3191352) becomes 3191352 ms.`,
            severity: 'warning',
            ...(ctx.readsDefenderAlerts ? { hint: DEFENDER_FRACTION_HINT } : {}),
            ...span,
          };
        }
      }
    }
  },
});

const timestampNoZone = defineRule<ParserContext>({
  id: 'WDA265',
  name: 'timestamp-no-zone',
  family: 'parser',
  severity: 'warning',
  description: "A date pattern applied to the alert's own time text reads its zone (X, Z or z), since alert times usually carry one (WDATP's end in Z, UTC).",
  fix: "Read the zone with X (e.g. yyyy-MM-dd'T'HH:mm:ss.SSSX on a three-digit fraction), or normalise the text first.",
  help:
    'A pattern without a zone field reads the time in the time zone of the machine the connector runs on, so ' +
    "every alert is off by the connector's UTC offset (and shifts with daylight saving). A quoted 'Z' matches the " +
    "letter but ignores what it means. Microsoft's 1.0 pattern yyyy-MM-dd'T'hh:mm:ss stops before the Z.",
  *check(ctx) {
    for (const use of validUses(ctx)) {
      if (!use.readsAlertText || use.fields.some((f) => 'XZz'.includes(f.letter))) continue;
      const quotedZ = use.pieces.find((p) => p.kind === 'literal' && p.text === 'Z');
      yield {
        message: quotedZ
          ? `${use.where}: the quoted 'Z' matches the letter but the time is still read in the connector's time zone, not UTC.`
          : ctx.readsDefenderAlerts
            ? `${use.where}: the pattern reads no zone, so WDATP's UTC times are read in the connector's time zone.`
            : `${use.where}: the pattern reads no zone, so the times are read in the connector's time zone, whatever zone the text names.`,
        ...(ctx.readsDefenderAlerts ? { hint: DEFENDER_ZONE_HINT } : {}),
        ...(quotedZ ? use.span(quotedZ.start, quotedZ.start + 3) : use.span(0, use.pattern.length)),
      } satisfies Issue;
    }
  },
});

/** The parser timestamp rules. Only listed rules run: lint/registry.ts gathers these lists, and a rule left out is an unused local. */
export const PARSER_TIMESTAMP_RULES = [timestamp12Hour, timestampFraction, timestampNoZone];

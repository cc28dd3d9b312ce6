import { EVENT_FIELDS, type ExprNode } from '../../../flex/index.js';
import { defineRule } from '../../rule.js';
import { utf8Issues } from '../shared/encoding.js';
import { expressionSpan, type ParserContext } from './context.js';
import { fieldMappings, type FieldMapping } from './walk.js';

/** Fields that have a companion `<field>Label` (custom strings, numbers, dates, addresses, flex fields). */
function labelledFields(): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const name of EVENT_FIELDS.keys()) if (EVENT_FIELDS.has(`${name}Label`)) pairs.set(name, `${name}Label`);
  return pairs;
}

function keySpan(ctx: ParserContext, m: FieldMapping) {
  const text = ctx.lines.line(m.keyLine) ?? '';
  const column = Math.min(m.keyColumn, text.length + 1);
  const keyLength = `event.${m.field}`.length;
  return { line: m.keyLine, column, endLine: m.keyLine, endColumn: Math.min(column + keyLength, text.length + 1) };
}

const labelWithoutValue = defineRule<ParserContext>({
  id: 'WDA261',
  name: 'label-without-value',
  family: 'parser',
  severity: 'warning',
  description: 'A label field (deviceCustomString1Label, flexString1Label, ...) is set only together with its value field.',
  fix: 'Map the value field too (e.g. event.deviceCustomString1=<token>), or delete the label.',
  help: 'A label names the value of its custom field in ArcSight; a label without the value shows an empty, named column, usually because the value line was misspelt or deleted.',
  *check(ctx) {
    const set = new Set(fieldMappings(ctx.spec).map((m) => m.field));
    for (const m of fieldMappings(ctx.spec)) {
      if (!m.field.endsWith('Label')) continue;
      const base = m.field.slice(0, -'Label'.length);
      if (labelledFields().get(base) === m.field && !set.has(base)) {
        yield { message: `${m.field} is set but ${base} is not.`, ...keySpan(ctx, m) };
      }
    }
  },
});

const valueWithoutLabel = defineRule<ParserContext>({
  id: 'WDA262',
  name: 'value-without-label',
  family: 'parser',
  severity: 'warning',
  description: 'A custom field (deviceCustomString1, flexString1, ...) is set together with its label field.',
  fix: 'Add the label field of the custom field, e.g. event.<field>Label=__stringConstant("<what the field holds>").',
  help: 'Custom fields have no meaning of their own: ArcSight analysts and content see cs1 without a name unless cs1Label says what it holds.',
  *check(ctx) {
    const set = new Set(fieldMappings(ctx.spec).map((m) => m.field));
    const pairs = labelledFields();
    const reported = new Set<string>();
    for (const m of fieldMappings(ctx.spec)) {
      const label = pairs.get(m.field);
      if (!label || set.has(label) || reported.has(m.field)) continue;
      reported.add(m.field);
      yield {
        message: `${m.field} is set but ${label} is not, so the value has no name in ArcSight.`,
        hint: `Add event.${label}=__stringConstant("<what ${m.field} holds>").`,
        ...keySpan(ctx, m),
      };
    }
  },
});

type TokenKind = 'String' | 'Integer' | 'Long' | 'IPAddress' | 'IPv6Address' | 'MacAddress' | 'TimeStamp' | 'Date' | 'Time';

/** Field types a typed token cannot go into without a conversion operation, with the reason. */
const INCOMPATIBLE: Partial<Record<TokenKind, Partial<Record<string, string>>>> = {
  Integer: {
    IPAddress: 'use __numberToAddress(...) if the number is an address',
    IPv6Address: 'an integer is not an address',
    MacAddress: 'an integer is not a MAC address',
    DateTime: 'use __createLocalTimeStampFromSecondsSinceEpoch(...) or __longToTimeStamp(...) for epoch times',
  },
  Long: {
    IPAddress: 'use __numberToAddress(...) if the number is an address',
    IPv6Address: 'a number is not an IPv6 address',
    MacAddress: 'a number is not a MAC address',
    DateTime: 'use __longToTimeStamp(...) (epoch ms) or __createLocalTimeStampFromSecondsSinceEpoch(...)',
  },
  IPAddress: {
    Integer: 'an address is not a number',
    Long: 'an address is not a number',
    Double: 'an address is not a number',
    MacAddress: 'an IP address is not a MAC address',
    DateTime: 'an address is not a time',
    Enum: 'an address is not an enumeration value',
  },
  IPv6Address: {
    Integer: 'an address is not a number',
    Long: 'an address is not a number',
    Double: 'an address is not a number',
    MacAddress: 'an IP address is not a MAC address',
    DateTime: 'an address is not a time',
    Enum: 'an address is not an enumeration value',
  },
  MacAddress: {
    Integer: 'a MAC address is not a number',
    Long: 'a MAC address is not a number',
    Double: 'a MAC address is not a number',
    IPAddress: 'a MAC address is not an IP address',
    IPv6Address: 'a MAC address is not an IP address',
    DateTime: 'a MAC address is not a time',
    Enum: 'a MAC address is not an enumeration value',
  },
  TimeStamp: {
    Integer: 'a time is not a number here; use __toLongTimeStamp(...) for epoch milliseconds',
    Long: 'a time is not a number here; use __toLongTimeStamp(...) for epoch milliseconds',
    Double: 'a time is not a number',
    IPAddress: 'a time is not an address',
    IPv6Address: 'a time is not an address',
    MacAddress: 'a time is not a MAC address',
    Enum: 'a time is not an enumeration value',
  },
};
INCOMPATIBLE.Date = INCOMPATIBLE.TimeStamp;
INCOMPATIBLE.Time = INCOMPATIBLE.TimeStamp;

const tokenFieldType = defineRule<ParserContext>({
  id: 'WDA266',
  name: 'token-field-type-mismatch',
  family: 'parser',
  severity: 'error',
  description: 'A typed token (Integer, Long, IPAddress, MacAddress, TimeStamp) is mapped only into a field of a compatible type.',
  fix: 'Map the token into a field of its type, or convert it with an operation (the message names one).',
  help:
    'The connector converts a token to its declared type when it reads the alert, and then cannot store that ' +
    'value in a field of another kind: the field stays empty and agent.log fills with conversion warnings. A ' +
    'String token into a DateTime field needs a pattern (__createOptionalTimeStampFromString).',
  *check(ctx) {
    const types = new Map(ctx.spec.tokens.map((t) => [t.name, t.type]));
    for (const m of fieldMappings(ctx.spec)) {
      if (m.expr.kind !== 'token') continue;
      const tokenType = types.get(m.expr.name);
      const field = EVENT_FIELDS.get(m.field);
      if (!tokenType || !field) continue;
      const span = expressionSpan(ctx, m.source, m.expr.start, m.expr.end);
      if (tokenType === 'String' && field.type === 'DateTime') {
        yield {
          message: `${m.expr.name} is a String token mapped into the DateTime field ${m.field}; the connector has no pattern to read it with.`,
          severity: 'warning',
          hint: `Write event.${m.field}=__createOptionalTimeStampFromString(${m.expr.name},"<pattern>") or declare the token as TimeStamp with a format.`,
          ...span,
        };
        continue;
      }
      const reason = INCOMPATIBLE[tokenType]?.[field.type];
      if (reason) {
        yield {
          message: `${m.expr.name} is ${article(tokenType)} ${tokenType} token but ${m.field} is ${article(field.type)} ${field.type} field: ${reason}.`,
          ...span,
        };
      }
    }
  },
});

function article(word: string): string {
  return /^[AEIOU]/i.test(word) ? 'an' : 'a';
}

function constantText(expr: ExprNode): { text: string; node: ExprNode } | undefined {
  if (expr.kind !== 'call' || expr.name !== '__stringConstant') return undefined;
  const arg = expr.args[0];
  if (arg?.kind === 'string') return { text: arg.value, node: arg };
  if (arg?.kind === 'literal') return { text: arg.value, node: arg };
  return undefined;
}

const constantTooLong = defineRule<ParserContext>({
  id: 'WDA267',
  name: 'constant-too-long',
  family: 'parser',
  severity: 'warning',
  description: 'A __stringConstant fits the maximum length of the field it is mapped to.',
  fix: "Shorten the text to the field's maximum length, or map it to a longer field (deviceCustomString1-6 hold 4000).",
  help: 'ArcSight truncates strings longer than the field allows (deviceVendor 63, deviceVersion 31, labels 1023, externalId 40), so the end of the constant is lost in every event.',
  *check(ctx) {
    for (const m of fieldMappings(ctx.spec)) {
      const c = constantText(m.expr);
      const max = EVENT_FIELDS.get(m.field)?.maxLength;
      if (!c || max === undefined || c.text.length <= max) continue;
      yield {
        message: `The constant is ${c.text.length} characters long but ${m.field} holds at most ${max}; ArcSight cuts the rest.`,
        ...expressionSpan(ctx, m.source, c.node.start, c.node.end),
      };
    }
  },
});

const parserNonLatin1 = defineRule<ParserContext>({
  id: 'WDA260',
  name: 'parser-non-latin1',
  family: 'parser',
  severity: 'error',
  description: 'Characters outside ISO-8859-1 are written as \\uXXXX escapes (no UTF-8 bytes, no byte order mark).',
  fix: 'Write the character as a \\uXXXX escape, or save the file as ISO-8859-1 without a byte order mark.',
  help:
    'The connector reads parser files as ISO-8859-1: a UTF-8 "é" in a constant arrives in ArcSight as "Ã©", and a ' +
    'UTF-8 character in a token location makes the JSON key not match.',
  check: (ctx) => utf8Issues(ctx, () => true),
});

/** The parser field rules. Only listed rules run: lint/registry.ts gathers these lists, and a rule left out is an unused local. */
export const PARSER_FIELD_RULES = [labelWithoutValue, valueWithoutLabel, tokenFieldType, constantTooLong, parserNonLatin1];

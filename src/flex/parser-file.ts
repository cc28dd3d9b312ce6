import { decodeWithMap, escapePropertyKey, LineIndex, parseProperties, type PropertyEntry } from '../properties/index.js';
import type { AgentSeverity } from './event.js';
import { parseExpression } from './expression.js';
import { resolveExpression, type OperationLookup } from './resolve.js';
import { FLEX_FINDING_CODES, type FlexFinding, type FlexFindingCode } from './findings.js';
import { connectorFieldReason, EVENT_FIELDS } from './schema.js';
import { suggest } from './suggest.js';
import { isEmulatorOnlyLocation } from './location.js';
import { checkDateFormat } from './java/index.js';
import {
  TOKEN_TYPES,
  type AdditionalDataSpec,
  type CollectionFormat,
  type ConditionalMapSpec,
  type ConditionalMappingSpec,
  type MappingSpec,
  type ParserSpec,
  type SeverityRule,
  type SourcePos,
  type TokenSpec,
  type TokenType,
  type ValueSource,
} from './spec.js';
import { OPERATIONS, UNEMULATED_OPERATIONS } from './operations/index.js';

export interface LoadOptions {
  /** File name, kept in the spec (findings carry only line and column). */
  file?: string;
  /** The operation registry (default: every implemented operation). */
  operations?: OperationLookup;
}

export interface LoadResult {
  spec: ParserSpec;
  findings: FlexFinding[];
}

const TOKEN_KEY = /^token\[(\d+)\]\.(.*)$/;
const TOKEN_ATTRIBUTES = ['name', 'type', 'location', 'format'] as const;
type TokenAttribute = (typeof TOKEN_ATTRIBUTES)[number];
const SEVERITY_KEY = /^severity\.map\.([^.]*)\.if\.deviceSeverity$/;
const CMAP_SELECTOR = /^conditionalmap\[(\d+)\]\.(field|token)$/;
const CMAP_MAPPINGS_COUNT = /^conditionalmap\[(\d+)\]\.mappings\.count$/;
const CMAP_VALUES = /^conditionalmap\[(\d+)\]\.mappings\[(\d+)\]\.values$/;
const CMAP_EVENT = /^conditionalmap\[(\d+)\]\.mappings\[(\d+)\]\.event\.(.*)$/;
const COLLECTION = /^\s*__collection\(\s*([^,()]*?)\s*,\s*([^,()]*?)\s*,\s*([^,()]*?)\s*\)\s*$/;
const WHOLE_NUMBER = /^\s*\d+\s*$/;
const FORMAT_OPERATION = /^\s*(__\w+)\s*\(/;

const SEVERITY_LEVELS: Record<string, AgentSeverity> = {
  veryhigh: 'Very-High',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  unknown: 'Unknown',
};

/** Keys of other FlexConnector parser types: accepted, reported as not emulated. */
const OTHER_PARSER_KEYS = [
  /^regex$/,
  /^do\.unparsed\.events$/,
  /^trim\.(tokens|keys|message)$/,
  /^contains\.empty\.tokens$/,
  /^comments\.start\.with$/,
  /^key\.(delimiter|value\.delimiter|regexp)$/,
  /^text\.qualifier$/,
  /^submessage/,
  /^extraprocessor/,
  /^(query|lastdate\.query|id\.field|timestamp\.field|uniqueid\.fields|version\.order)$/,
  /^multiline\./,
  /^line\.include\.regex$/,
  /^conditionalmap\[\d+\]\.mappings\[\d+\]\.additionaldata\./,
];

interface TokenParts {
  index: number;
  first: PropertyEntry;
  attrs: Partial<Record<TokenAttribute, PropertyEntry>>;
}

interface CmapParts {
  index: number;
  first: PropertyEntry;
  selector?: PropertyEntry;
  mappingsCount?: PropertyEntry;
  mappings: Map<number, { first: PropertyEntry; values?: PropertyEntry; events: Array<{ field: string; entry: PropertyEntry }> }>;
}

/**
 * Reads a `*.jsonparser.properties` text the way a lenient connector would: Java .properties semantics for the
 * file (the last of duplicate keys wins), then every key interpreted; each mistake becomes a positioned finding.
 * Never throws on content.
 */
export function loadParserSpec(text: string, options: LoadOptions = {}): LoadResult {
  return new Loader(text, options).load();
}

class Loader {
  private readonly findings: FlexFinding[] = [];
  /** Physical lines, cut from the text when a check needs one (never all of them: a file may have half a million). */
  private readonly lines: LineIndex;
  /** Where each value an expression finding points into is written (see piecesOf). */
  private readonly pieces = new Map<ValueSource, ValuePieces>();
  private readonly operations: OperationLookup;
  private trigger?: PropertyEntry;
  private tokenCount?: PropertyEntry;
  private readonly tokenParts = new Map<number, TokenParts>();
  private readonly eventEntries: Array<{ field: string; entry: PropertyEntry }> = [];
  private readonly severityEntries: Array<{ level: string; entry: PropertyEntry }> = [];
  private additionalEnabled?: PropertyEntry;
  private readonly additionalEntries: Array<{ name: string; entry: PropertyEntry }> = [];
  /** Token locations with an emulator-only step ([member=value] or a final *), reported once per file (at the first). */
  private readonly selectorLocations: Array<{ index: number; location: string; entry: PropertyEntry }> = [];
  private cmapCount?: PropertyEntry;
  private readonly cmapParts = new Map<number, CmapParts>();
  private readonly usedTokens = new Set<string>();
  private readonly unverifiedReported = new Set<string>();
  private readonly otherParserKeys = new Map<string, PropertyEntry[]>();
  private readonly lostTokens = new Map<string, number>();
  /** Tokens declared but not loaded (bad type, format or location), by name: their index. */
  private readonly unloadedTokens = new Map<string, number>();
  /** Unknown token format operations by name, reported once per name (a feed may use one on 15 tokens). */
  private readonly formatOperations = new Map<string, Array<{ index: number; entry: PropertyEntry }>>();

  constructor(
    private readonly text: string,
    private readonly options: LoadOptions,
  ) {
    this.lines = new LineIndex(text);
    this.operations = options.operations ?? OPERATIONS;
  }

  load(): LoadResult {
    const doc = parseProperties(this.text);
    for (const d of doc.diagnostics) {
      this.report('properties-syntax', { line: d.line, column: d.column }, d.message, undefined, d.severity);
    }
    const effective = this.dropOverridden(doc.entries);
    for (const entry of effective) {
      this.checkKeyWithSpace(entry);
      this.classify(entry);
    }
    this.reportOtherParserKeys();
    const tokens = this.buildTokens();
    this.reportSelectorLocations();
    this.reportFormatOperations();
    const tokenNames = new Set(tokens.map((t) => t.name));
    const hasCollections = tokens.some((t) => t.collection !== undefined);
    const expr = (entry: PropertyEntry, top: 'event' | 'additionaldata') => this.expression(entry, tokenNames, hasCollections, top);

    const mappings: MappingSpec[] = [];
    for (const { field, entry } of this.eventEntries) {
      if (!this.checkField(field, entry)) continue;
      const e = expr(entry, 'event');
      if (e) mappings.push({ field, pos: pos(entry), ...e });
    }
    const additionalData: AdditionalDataSpec[] = [];
    for (const { name, entry } of this.additionalEntries) {
      const e = expr(entry, 'additionaldata');
      if (e) additionalData.push({ name, pos: pos(entry), ...e });
    }
    const conditionalMaps = this.buildConditionalMaps(tokenNames, new Set(mappings.map((m) => m.field)), (entry) => expr(entry, 'event'));
    const severityMap = this.buildSeverityMap();
    if (severityMap.length > 0) {
      const setsSeverity =
        mappings.some((m) => m.field === 'deviceSeverity') ||
        conditionalMaps.some((c) => c.mappings.some((m) => m.assignments.some((a) => a.field === 'deviceSeverity')));
      if (!setsSeverity) {
        this.report(
          'severity-map-unused',
          severityMap[0]!.pos,
          'severity.map compares event.deviceSeverity, but no mapping sets event.deviceSeverity',
          'Map the alert severity, e.g. event.deviceSeverity=Severity.',
        );
      }
    }
    const additionalDataEnabled = this.additionalDataEnabled();
    if (!additionalDataEnabled) {
      for (const t of tokens) {
        if (!this.usedTokens.has(t.name) && !t.collection) {
          this.report('unused-token', t.pos, `token ${t.name} is not used by any mapping; its value is discarded`);
        }
      }
    }
    if (!this.trigger) {
      this.report(
        'trigger-node-missing',
        { line: 1, column: 1 },
        'trigger.node.location is not set',
        'Add trigger.node.location=/ (one event per element of a top-level array).',
      );
    }
    const spec: ParserSpec = {
      triggerNode: this.trigger ? this.trigger.value.trim() || '/' : '/',
      tokens,
      mappings,
      severityMap,
      conditionalMaps,
      additionalDataEnabled,
      additionalData,
    };
    if (this.options.file !== undefined) spec.file = this.options.file;
    if (this.trigger) spec.triggerPos = pos(this.trigger);
    const count = this.tokenCount ? parseCount(this.tokenCount.value) : undefined;
    if (count !== undefined) spec.tokenCount = count;
    this.findings.sort((a, b) => a.line - b.line || a.column - b.column);
    return { spec, findings: this.findings };
  }

  // ---- file-level ----

  /**
   * Java keeps the last value of a repeated key; earlier ones are dropped. A repeated `token[i].*` key is nearly
   * always a copy-pasted token block: the earlier tokens of that index vanish and every mapping naming them gets
   * the name as literal text, so it is one error per index naming the tokens lost.
   */
  private dropOverridden(entries: readonly PropertyEntry[]): PropertyEntry[] {
    const last = new Map<string, PropertyEntry>();
    const repeatedIndexes = new Map<number, PropertyEntry>();
    for (const e of entries) {
      const previous = last.get(e.key);
      if (previous) {
        const token = TOKEN_KEY.exec(e.key);
        if (token) {
          const index = Number(token[1]);
          if (!repeatedIndexes.has(index)) repeatedIndexes.set(index, e);
        } else {
          this.report(
            'duplicate-key',
            pos(e),
            `${e.key} is set again (first on line ${previous.line}); Java keeps this value and ignores the earlier one`,
            'Delete one of the two lines.',
          );
        }
      }
      last.set(e.key, e);
    }
    for (const [index, first] of repeatedIndexes) this.reportRepeatedIndex(index, first, entries, last);
    return entries.filter((e) => last.get(e.key) === e);
  }

  private reportRepeatedIndex(index: number, first: PropertyEntry, entries: readonly PropertyEntry[], last: ReadonlyMap<string, PropertyEntry>): void {
    const own = entries.filter((e) => TOKEN_KEY.exec(e.key)?.[1] === String(index));
    const names = own.filter((e) => e.key === `token[${index}].name`);
    const kept = last.get(`token[${index}].name`)?.value.trim();
    const lost = [...new Set(names.map((e) => e.value.trim()))].filter((n) => n !== '' && n !== kept);
    for (const name of lost) this.lostTokens.set(name, index);
    const times = Math.max(...[...new Set(own.map((e) => e.key))].map((k) => own.filter((e) => e.key === k).length));
    const lostText = lost.length
      ? `; the token${lost.length === 1 ? '' : 's'} ${lost.join(', ')} ${lost.length === 1 ? 'is' : 'are'} lost and mappings that name ${lost.length === 1 ? 'it' : 'them'} get the name as literal text`
      : '';
    this.report(
      'token-index-duplicate',
      pos(first),
      `token[${index}] is declared ${times} times (lines ${lineRanges(own.map((e) => e.line))}); Java keeps the last value of each key, so token[${index}] is ${kept ?? 'unnamed'}${lostText}`,
      'Give each token its own index (and raise token.count to match).',
    );
  }

  /**
   * `additionaldata.Connection Number=conn`: Java ends the key at the first unescaped space, so the key is
   * `additionaldata.Connection` and the value `Number=conn`. The tell-tale: whitespace as the separator and an
   * `=` inside the value before any call or quote.
   */
  private checkKeyWithSpace(e: PropertyEntry): void {
    const line = this.lines.line(e.line);
    if (line === undefined || e.valueLine !== e.line) return;
    const after = line.slice(e.column - 1 + e.rawKey.length, e.valueColumn - 1);
    if (after === '' || /[=:]/.test(after)) return;
    const m = /^([^=("]*?)\s*=/.exec(e.value);
    if (!m || m[1] === '') return;
    const intended = `${e.key} ${m[1]}`;
    this.report(
      'key-with-space',
      pos(e),
      `the key ends at the space: Java reads key "${e.key}" with value "${e.value}" (probably meant key "${intended}")`,
      `Escape the space in the key: ${escapePropertyKey(intended)}=...`,
    );
  }

  private classify(e: PropertyEntry): void {
    const key = e.key;
    if (key === 'trigger.node.location') this.trigger = e;
    else if (key === 'token.count') this.tokenCount = e;
    else if (TOKEN_KEY.test(key)) {
      const [, idx, attr] = TOKEN_KEY.exec(key)!;
      const index = Number(idx);
      let parts = this.tokenParts.get(index);
      // Declaration order does not matter: Java's Properties and the connector look tokens up by index.
      if (!parts) {
        parts = { index, first: e, attrs: {} };
        this.tokenParts.set(index, parts);
      }
      if ((TOKEN_ATTRIBUTES as readonly string[]).includes(attr!)) parts.attrs[attr as TokenAttribute] = e;
      else {
        const s = suggest(attr!, TOKEN_ATTRIBUTES);
        this.report(
          'token-unknown-attribute',
          pos(e),
          `token[${index}].${attr} is not a token attribute; it is ignored`,
          s ? `Did you mean token[${index}].${s}?` : 'Token attributes are name, type, location and format.',
        );
      }
    } else if (key.startsWith('event.')) this.eventEntries.push({ field: key.slice(6), entry: e });
    else if (SEVERITY_KEY.test(key)) this.severityEntries.push({ level: SEVERITY_KEY.exec(key)![1]!, entry: e });
    else if (key === 'additionaldata.enabled') this.additionalEnabled = e;
    else if (key.startsWith('additionaldata.') && key.length > 15) this.additionalEntries.push({ name: key.slice(15), entry: e });
    else if (key === 'conditionalmap.count') this.cmapCount = e;
    else if (!this.classifyConditional(e)) this.unknownKey(e);
  }

  private classifyConditional(e: PropertyEntry): boolean {
    const key = e.key;
    const cmap = (i: string) => {
      const index = Number(i);
      let c = this.cmapParts.get(index);
      if (!c) {
        c = { index, first: e, mappings: new Map() };
        this.cmapParts.set(index, c);
      }
      return c;
    };
    const mapping = (c: CmapParts, j: string) => {
      const index = Number(j);
      let m = c.mappings.get(index);
      if (!m) {
        m = { first: e, events: [] };
        c.mappings.set(index, m);
      }
      return m;
    };
    let m: RegExpExecArray | null;
    if ((m = CMAP_SELECTOR.exec(key))) cmap(m[1]!).selector = e;
    else if ((m = CMAP_MAPPINGS_COUNT.exec(key))) cmap(m[1]!).mappingsCount = e;
    else if ((m = CMAP_VALUES.exec(key))) mapping(cmap(m[1]!), m[2]!).values = e;
    else if ((m = CMAP_EVENT.exec(key))) mapping(cmap(m[1]!), m[2]!).events.push({ field: m[3]!, entry: e });
    else return false;
    return true;
  }

  private unknownKey(e: PropertyEntry): void {
    const key = e.key;
    if (OTHER_PARSER_KEYS.some((re) => re.test(key))) {
      const family = /^[^.[]*/.exec(key)![0];
      const group = this.otherParserKeys.get(family);
      if (group) group.push(e);
      else this.otherParserKeys.set(family, [e]);
      return;
    }
    const s = suggest(key, candidateKeys(key));
    this.report('unknown-key', pos(e), `${key} is not a key the JSON parser reads; it is ignored`, s ? `Did you mean ${s}?` : undefined);
  }

  /** One notice per family of keys of other parser types (a file may carry 160 extraprocessor.* keys). */
  private reportOtherParserKeys(): void {
    for (const [family, group] of this.otherParserKeys) {
      const [first] = group as [PropertyEntry];
      const message =
        group.length === 1
          ? `${first.key} belongs to another parser type or an extra processor; the JSON parser emulation ignores it`
          : `${group.length} ${family}${family.includes('[') ? '' : '.*'} keys (lines ${lineRanges(group.map((e) => e.line))}) belong to another parser type or an extra processor; the JSON parser emulation ignores them`;
      this.report('unsupported-key', pos(first), message);
    }
  }

  private reportFormatOperations(): void {
    for (const [operation, uses] of this.formatOperations) {
      const [first] = uses as [{ index: number; entry: PropertyEntry }];
      const where =
        uses.length === 1
          ? `token[${first.index}].format ${first.entry.value.trim()}`
          : `token[${first.index}].format ${first.entry.value.trim()} (and ${uses.length - 1} more token${uses.length === 2 ? '' : 's'}: ${uses
              .slice(1)
              .map((u) => `token[${u.index}]`)
              .join(', ')})`;
      this.report(
        'unknown-format-operation',
        valuePos(first.entry),
        `${where}: ${operation} is not a format operation the JSON parser is known to have (only __collection is); the emulation ignores the format`,
      );
    }
  }

  // ---- tokens ----

  private buildTokens(): TokenSpec[] {
    const declared = [...this.tokenParts.values()].sort((a, b) => a.index - b.index);
    let count: number;
    if (!this.tokenCount) {
      count = declared.length ? declared[declared.length - 1]!.index + 1 : 0;
      if (declared.length) {
        this.report('token-count-missing', pos(declared[0]!.first), 'token.count is not set', `Add token.count=${count}.`);
      }
    } else {
      const parsed = parseCount(this.tokenCount.value);
      if (parsed === undefined) {
        count = declared.length ? declared[declared.length - 1]!.index + 1 : 0;
        this.report(
          'token-count-invalid',
          valuePos(this.tokenCount),
          `token.count "${this.tokenCount.value}" is not a whole number`,
          `Set token.count=${count}.`,
        );
      } else {
        count = parsed;
        const missing: number[] = [];
        for (let i = 0; i < count; i++) if (!this.tokenParts.has(i)) missing.push(i);
        // One problem, one finding: a count that does not match already names the indexes with no token.
        if (declared.length !== count) {
          const detail = missing.length ? `; no token is declared at ${ranges(missing)}` : '';
          this.report(
            'token-count-mismatch',
            valuePos(this.tokenCount),
            `token.count is ${count} but ${declared.length} token${declared.length === 1 ? ' is' : 's are'} declared${detail}`,
            `Set token.count=${declared.length} and number the tokens 0..${declared.length - 1}.`,
          );
        } else if (missing.length > 0) {
          this.report(
            'token-missing',
            valuePos(this.tokenCount),
            `no token is declared at ${ranges(missing)}; the connector skips ${missing.length === 1 ? 'that index' : 'those indexes'}`,
            'Declare the missing indexes, or renumber the tokens 0..count-1.',
          );
        }
      }
    }
    const tokens: TokenSpec[] = [];
    const byName = new Map<string, TokenSpec>();
    for (const parts of declared) {
      if (parts.index >= count) {
        this.report(
          'token-beyond-count',
          pos(parts.first),
          `token[${parts.index}] is beyond token.count (${count}); the connector never reads it`,
          `Raise token.count to ${parts.index + 1} or remove the token.`,
        );
        continue;
      }
      const token = this.buildToken(parts);
      if (!token) {
        // Its own finding says why; mappings that name it say that, not "not a declared token".
        const name = parts.attrs.name?.value.trim();
        if (name) this.unloadedTokens.set(name, parts.index);
        continue;
      }
      const twin = byName.get(token.name);
      if (twin) {
        this.report(
          'token-name-duplicate',
          token.pos,
          `token[${token.index}] has the same name as token[${twin.index}] (${token.name}); references use token[${token.index}]`,
        );
        tokens.splice(tokens.indexOf(twin), 1);
      }
      byName.set(token.name, token);
      tokens.push(token);
    }
    return tokens;
  }

  /** One finding for the file's emulator-only locations: the first, and how many tokens use the construct. */
  private reportSelectorLocations(): void {
    const [first, ...more] = this.selectorLocations;
    if (!first) return;
    const others =
      more.length === 0 ? '' : ` (and ${more.length} more token location${more.length === 1 ? '' : 's'}: ${more.map((m) => `token[${m.index}]`).join(', ')})`;
    this.report(
      'emulator-only-location',
      valuePos(first.entry),
      `token[${first.index}].location "${first.location}"${others} uses a location step only wdatp-arcsight's emulator defines (name[member=value]: the first array element of a kind; a final *: the members no other token reads): parse, conformance and pull run it, but no FlexConnector documentation shows it, so a FlexConnector may leave such tokens empty`,
      'Keep it when the pull bridge delivers the events; for a FlexConnector, check on a test connector that these tokens get values.',
    );
    // The whole value, so a code frame underlines the location rather than its first word.
    const f = this.findings[this.findings.length - 1]!;
    f.endLine = first.entry.endLine;
    f.endColumn = first.entry.endColumn;
  }

  private buildToken(parts: TokenParts): TokenSpec | undefined {
    const { index, attrs } = parts;
    const name = attrs.name?.value.trim();
    if (!attrs.name || !name) {
      this.report('token-missing-name', pos(attrs.name ?? parts.first), `token[${index}] has no name`, `Add token[${index}].name=<name>.`);
      return undefined;
    }
    const location = attrs.location?.value.trim();
    if (!attrs.location || !location) {
      this.report(
        'token-missing-location',
        pos(attrs.location ?? attrs.name),
        `token[${index}] (${name}) has no location`,
        `Add token[${index}].location=<path/relative/to/the/trigger/node>.`,
      );
      return undefined;
    }
    if (isEmulatorOnlyLocation(location)) this.selectorLocations.push({ index, location, entry: attrs.location });
    let type: TokenType = 'String';
    if (attrs.type) {
      const written = attrs.type.value.trim();
      if ((TOKEN_TYPES as readonly string[]).includes(written)) type = written as TokenType;
      else if (written === 'RegexToken') {
        this.report('unsupported-token-type', valuePos(attrs.type), `token type RegexToken has no known meaning in a JSON parser; ${name} is read as a String`);
      } else if (written !== '') {
        const s = suggest(written, TOKEN_TYPES);
        this.report(
          'unknown-token-type',
          valuePos(attrs.type),
          `"${written}" is not a token type`,
          s ? `Did you mean ${s}?` : `Token types are ${TOKEN_TYPES.join(', ')}.`,
        );
        return undefined;
      }
    }
    const token: TokenSpec = { index, name, type, location, pos: pos(attrs.name) };
    const format = attrs.format;
    if (format) token.formatPos = valuePos(format);
    const formatText = format?.value;
    const formatOperation = formatText === undefined ? undefined : FORMAT_OPERATION.exec(formatText)?.[1];
    if (formatOperation !== undefined && formatOperation !== '__collection') {
      // e.g. __uri() on a threat-intel feed: not a date pattern, not "no effect": an operation nobody documents.
      const uses = this.formatOperations.get(formatOperation);
      if (uses) uses.push({ index, entry: format! });
      else this.formatOperations.set(formatOperation, [{ index, entry: format! }]);
    } else if (formatText !== undefined && formatText.trim().startsWith('__collection')) {
      const collection = parseCollection(formatText);
      if (!collection) {
        this.report('invalid-collection-format', valuePos(format!), `"${formatText}" is not __collection(keyField,bool,bool)`);
      } else if (type !== 'String') {
        this.report('format-ignored', valuePos(format!), `__collection applies to String tokens; ${name} is ${type}`);
      } else token.collection = collection;
    } else if (type === 'TimeStamp' || type === 'Date' || type === 'Time') {
      if (formatText === undefined || formatText.trim() === '') {
        if (type === 'TimeStamp') {
          this.report(
            'token-format-missing',
            pos(attrs.type ?? attrs.name),
            `TimeStamp token ${name} has no format`,
            `Add token[${index}].format=<SimpleDateFormat pattern>, e.g. yyyy-MM-dd'T'HH:mm:ss.SSSX.`,
          );
          return undefined;
        }
      } else {
        const problem = checkDateFormat(formatText);
        if (problem !== undefined) {
          this.report('invalid-date-format', valuePos(format!), `token[${index}].format "${formatText}" is not a valid date pattern: ${problem}`);
          return undefined;
        }
        token.format = formatText;
      }
    } else if (formatText !== undefined && formatText.trim() !== '') {
      this.report('format-ignored', valuePos(format!), `token[${index}].format has no effect on a ${type} token`);
    }
    return token;
  }

  // ---- expressions ----

  private expression(
    entry: PropertyEntry,
    tokenNames: ReadonlySet<string>,
    hasCollections: boolean,
    top: 'event' | 'additionaldata',
  ): { expr: MappingSpec['expr']; text: string; value: ValueSource } | undefined {
    let text = entry.value;
    let shift = 0;
    // Fixes quote the file as written (escapes kept): a decoded \\{ pasted back would be a regex error in Java.
    let written = entry.rawValue;
    if (text.startsWith('=')) {
      shift = 1;
      text = text.slice(1);
      written = written.replace(/^\\?=/, '');
      this.report(
        'double-equals',
        valuePos(entry),
        `the value of ${entry.key} starts with "=" ("==" in the file); the emulation ignores the extra "=" (assumed)`,
        `Write ${entry.rawKey}=${written.trim()}`,
      );
    }
    const value: ValueSource = { line: entry.valueLine, column: entry.valueColumn, raw: entry.rawValue, shift };
    if (text.trim() === '') {
      this.report('empty-expression', pos(entry), `${entry.key} has no expression; the ${top === 'event' ? 'field' : 'additional data'} is never set`);
      return undefined;
    }
    const parsed = parseExpression(text);
    if (!parsed.ast) {
      const at = this.offsetPos(value, parsed.error!.offset);
      this.report('expression-syntax', at, `cannot parse the expression of ${entry.key}: ${parsed.error!.message}`);
      return undefined;
    }
    const resolved = resolveExpression(parsed.ast, {
      tokens: tokenNames,
      operations: this.operations,
      dynamicNames: hasCollections,
      unemulated: UNEMULATED_OPERATIONS,
      unverifiedReported: this.unverifiedReported,
      lostTokens: this.lostTokens,
      unloadedTokens: this.unloadedTokens,
      onToken: (name) => this.usedTokens.add(name),
      report: (code, offset, message, hint, severity, end) =>
        this.report(code, this.offsetPos(value, offset), message, hint, severity, end === undefined ? undefined : this.offsetPos(value, end)),
    });
    if (!resolved) return undefined;
    if (resolved.kind === 'string') {
      this.report(
        'quoted-literal-mapping',
        this.offsetPos(value, resolved.start),
        `${entry.key} is a bare quoted literal; it is used as the text`,
        `Write __stringConstant(${written.trim()}).`,
      );
    }
    return { expr: resolved, text, value };
  }

  private checkField(field: string, entry: PropertyEntry): boolean {
    if (EVENT_FIELDS.has(field)) return true;
    // The field name is the end of the key (event.<field> or conditionalmap[i].mappings[j].event.<field>), which
    // may sit on a later line than the key's start when the key is continued with a backslash.
    const column = entry.keyEndColumn - field.length;
    const at = column >= 1 ? { line: entry.keyEndLine, column } : pos(entry);
    const set = connectorFieldReason(field);
    if (set) {
      this.report(
        'connector-field',
        at,
        `event.${field} is not a field a parser sets: ${set.reason}; the mapping has no effect`,
        `Delete the mapping, or ${set.instead}.`,
      );
      return false;
    }
    const s = suggest(field, EVENT_FIELDS.keys());
    this.report(
      'unknown-field',
      at,
      `event.${field} is not an ArcSight event field`,
      s ? `Did you mean event.${s}?` : 'See the field list in docs/emulation.md.',
    );
    return false;
  }

  // ---- severity map, conditional maps, additional data ----

  private buildSeverityMap(): SeverityRule[] {
    const rules: SeverityRule[] = [];
    const seen = new Map<string, AgentSeverity>();
    for (const { level, entry } of this.severityEntries) {
      const normalized = SEVERITY_LEVELS[level];
      if (!normalized) {
        const s = suggest(level.replace(/[-_]/g, ''), Object.keys(SEVERITY_LEVELS));
        this.report(
          'unknown-severity-level',
          { line: entry.line, column: entry.column + 'severity.map.'.length },
          `"${level}" is not a severity level; the line is ignored`,
          s ? `Did you mean severity.map.${s}.if.deviceSeverity?` : 'Levels are veryhigh, high, medium, low and unknown.',
        );
        continue;
      }
      const values = entry.value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
      for (const v of values) {
        const other = seen.get(v);
        if (other && other !== normalized) {
          this.report('severity-value-conflict', valuePos(entry), `deviceSeverity "${v}" is already mapped to ${other}; the first mapping wins`);
        } else if (!other) seen.set(v, normalized);
      }
      rules.push({ level: normalized, values, pos: pos(entry) });
    }
    return rules;
  }

  private buildConditionalMaps(
    tokenNames: ReadonlySet<string>,
    /** Fields the event.* mappings set; each conditional map adds the fields it may set, for the maps after it. */
    setFields: Set<string>,
    expr: (entry: PropertyEntry) => { expr: MappingSpec['expr']; text: string; value: ValueSource } | undefined,
  ): ConditionalMapSpec[] {
    if (!this.cmapCount && this.cmapParts.size === 0) return [];
    const declared = [...this.cmapParts.values()].sort((a, b) => a.index - b.index);
    const count = this.countOf(this.cmapCount, 'conditionalmap.count', declared.length ? declared[declared.length - 1]!.index + 1 : 0, declared.length);
    const maps: ConditionalMapSpec[] = [];
    for (const c of declared) {
      if (c.index >= count) {
        this.report('conditionalmap-beyond-count', pos(c.first), `conditionalmap[${c.index}] is beyond conditionalmap.count (${count}); it is ignored`);
        continue;
      }
      if (!c.selector || c.selector.value.trim() === '') {
        this.report(
          'conditionalmap-selector-missing',
          pos(c.selector ?? c.first),
          `conditionalmap[${c.index}] has neither .field nor .token`,
          `Add conditionalmap[${c.index}].field=event.<field>.`,
        );
        continue;
      }
      const selectorText = c.selector.value.trim();
      let selector: ConditionalMapSpec['selector'];
      if (c.selector.key.endsWith('.field')) {
        const field = selectorText.startsWith('event.') ? selectorText.slice(6) : selectorText;
        if (!EVENT_FIELDS.has(field)) {
          const s = suggest(field, EVENT_FIELDS.keys());
          this.report('unknown-field', valuePos(c.selector), `${selectorText} is not an ArcSight event field`, s ? `Did you mean event.${s}?` : undefined);
          continue;
        }
        selector = { kind: 'field', field };
        if (!setFields.has(field)) {
          this.report(
            'conditionalmap-field-unset',
            valuePos(c.selector),
            `conditionalmap[${c.index}] tests ${selectorText}, which no mapping sets, so the map never matches`,
          );
        }
      } else {
        if (/^[$%]\d+$/.test(selectorText)) {
          this.report(
            'positional-reference',
            valuePos(c.selector),
            `${selectorText} refers to a regex group; in a JSON parser it is always null, so the map never matches`,
          );
        } else if (!tokenNames.has(selectorText)) {
          const s = suggest(selectorText, tokenNames);
          this.report(
            'undeclared-token',
            valuePos(c.selector),
            `conditionalmap[${c.index}].token names no declared token (${selectorText}); the map never matches`,
            s ? `Did you mean ${s}?` : undefined,
            'warning',
          );
        } else this.usedTokens.add(selectorText);
        selector = { kind: 'token', name: selectorText };
      }
      const mDeclared = [...c.mappings.entries()].sort((a, b) => a[0] - b[0]);
      const mCount = this.countOf(
        c.mappingsCount,
        `conditionalmap[${c.index}].mappings.count`,
        mDeclared.length ? mDeclared[mDeclared.length - 1]![0] + 1 : 0,
        mDeclared.length,
        c.first,
      );
      const mappings: ConditionalMappingSpec[] = [];
      for (const [j, m] of mDeclared) {
        if (j >= mCount) {
          this.report(
            'conditionalmap-beyond-count',
            pos(m.first),
            `conditionalmap[${c.index}].mappings[${j}] is beyond its mappings.count (${mCount}); it is ignored`,
          );
          continue;
        }
        if (!m.values) {
          this.report('conditionalmap-values-missing', pos(m.first), `conditionalmap[${c.index}].mappings[${j}] has no .values; it never matches`);
          continue;
        }
        const assignments: MappingSpec[] = [];
        for (const { field, entry } of m.events) {
          if (!this.checkField(field, entry)) continue;
          const e = expr(entry);
          if (e) assignments.push({ field, pos: pos(entry), ...e });
        }
        const values = m.values.value
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== '');
        mappings.push({ index: j, values, assignments, pos: pos(m.values) });
        for (const a of assignments) setFields.add(a.field);
      }
      maps.push({ index: c.index, selector, mappings, pos: pos(c.first) });
    }
    return maps;
  }

  /** A count key (conditionalmap.count, mappings.count): parsed, checked against what is declared. */
  private countOf(entry: PropertyEntry | undefined, key: string, fallback: number, declared: number, near?: PropertyEntry): number {
    if (!entry) {
      if (declared > 0) {
        this.report('conditionalmap-count-mismatch', pos(near ?? this.cmapParts.values().next().value!.first), `${key} is not set`, `Add ${key}=${fallback}.`);
      }
      return fallback;
    }
    const n = parseCount(entry.value);
    if (n === undefined) {
      this.report('conditionalmap-count-invalid', valuePos(entry), `${key} "${entry.value}" is not a whole number`);
      return fallback;
    }
    if (n !== declared) {
      this.report('conditionalmap-count-mismatch', valuePos(entry), `${key} is ${n} but ${declared} ${declared === 1 ? 'entry is' : 'entries are'} declared`);
    }
    return n;
  }

  private additionalDataEnabled(): boolean {
    const e = this.additionalEnabled;
    if (!e) return false;
    const v = e.value.trim();
    if (!/^(true|false)$/i.test(v)) {
      this.report('additionaldata-enabled-invalid', valuePos(e), `additionaldata.enabled is "${v}"; Java reads anything but "true" as false`);
    }
    return v.toLowerCase() === 'true';
  }

  /** File position of an offset in an expression's text. */
  private offsetPos(value: ValueSource, offset: number): SourcePos {
    const { rawAt, start, column } = this.piecesOf(value);
    const raw = rawAt[Math.min(offset + value.shift, rawAt.length - 1)]!;
    // the last piece starting at or before the offset (binary search: a value may be continued over many lines)
    let lo = 0;
    let hi = start.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (start[mid]! <= raw) lo = mid;
      else hi = mid - 1;
    }
    const line = value.line + lo;
    return { line, column: Math.min(column[lo]! + raw - start[lo]!, (this.lines.line(line) ?? '').length + 1) };
  }

  /**
   * The pieces a value is written in: a value continued with a trailing backslash goes on after the next line's
   * leading blanks, as Java's reader joins them. Worked out once per value, when a finding needs a position in it:
   * a hostile value may be continued over many lines and hold a finding on each.
   */
  private piecesOf(value: ValueSource): ValuePieces {
    let pieces = this.pieces.get(value);
    if (pieces) return pieces;
    pieces = { rawAt: decodeWithMap(value.raw).map, start: [], column: [] };
    let offset = 0;
    let line = value.line;
    let from = value.column - 1;
    for (;;) {
      const text = this.lines.line(line) ?? '';
      const continued = trailingBackslashes(text) % 2 === 1 && line < this.lines.count;
      pieces.start.push(offset);
      pieces.column.push(from + 1);
      offset += Math.max(0, text.length - from - (continued ? 1 : 0));
      if (!continued || offset >= value.raw.length) break;
      line += 1;
      from = (this.lines.line(line) ?? '').search(/[^ \t\f]|$/);
    }
    this.pieces.set(value, pieces);
    return pieces;
  }

  private report(code: FlexFindingCode, at: SourcePos, message: string, hint?: string, severity?: FlexFinding['severity'], end?: SourcePos): void {
    const f: FlexFinding = { code, severity: severity ?? FLEX_FINDING_CODES[code].severity, message, line: at.line, column: at.column };
    if (hint !== undefined) f.hint = hint;
    // An end past the line (a value continued on the next line, a malformed escape) is clamped to the line's end.
    const endColumn = end && Math.min(end.column, (this.lines.line(end.line) ?? '').length + 1);
    if (end !== undefined && endColumn !== undefined && (end.line > at.line || endColumn > at.column)) {
      f.endLine = end.line;
      f.endColumn = endColumn;
    }
    this.findings.push(f);
  }
}

function pos(e: PropertyEntry): SourcePos {
  return { line: e.line, column: e.column };
}

function valuePos(e: PropertyEntry): SourcePos {
  return { line: e.valueLine, column: e.valueColumn };
}

/**
 * Where a value is written: rawAt maps decoded offsets to raw ones (see decodeWithMap); piece i is on line
 * value.line + i, starts at column[i] and holds the raw value from start[i] on.
 */
interface ValuePieces {
  rawAt: number[];
  start: number[];
  column: number[];
}

function trailingBackslashes(text: string): number {
  let n = 0;
  while (n < text.length && text.charCodeAt(text.length - 1 - n) === 92 /* backslash */) n++;
  return n;
}

function parseCount(text: string): number | undefined {
  return WHOLE_NUMBER.test(text) ? Number(text.trim()) : undefined;
}

function parseCollection(text: string): CollectionFormat | undefined {
  const m = COLLECTION.exec(text);
  if (!m || m[1] === '') return undefined;
  return { keyField: m[1]!, flags: [m[2]!, m[3]!] };
}

/** `[1, 2, 3, 7]` → `token[1]..token[3], token[7]`. */
function ranges(indices: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < indices.length;) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j]! + 1) j++;
    out.push(i === j ? `token[${indices[i]}]` : `token[${indices[i]}]..token[${indices[j]}]`);
    i = j + 1;
  }
  return out.join(', ');
}

/** `[6, 7, 8, 10]` → `6-8, 10`. */
function lineRanges(lines: number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

/** Keys a misspelt key was probably meant to be, built from its own indices and suffix. */
function candidateKeys(key: string): string[] {
  const index = /\[(\d+)\]/.exec(key)?.[1] ?? '0';
  const indices = [...key.matchAll(/\[(\d+)\]/g)].map((m) => m[1]!);
  const j = indices[1] ?? '0';
  const rest = key.includes('.') ? key.slice(key.indexOf('.') + 1) : key;
  const afterBracket = /^[^\]]*\]\.?(.*)$/.exec(key)?.[1] ?? '';
  const out = [
    'trigger.node.location',
    'token.count',
    'additionaldata.enabled',
    'conditionalmap.count',
    `event.${rest}`,
    `additionaldata.${rest}`,
    `conditionalmap[${index}].field`,
    `conditionalmap[${index}].token`,
    `conditionalmap[${index}].mappings.count`,
    `conditionalmap[${index}].mappings[${j}].values`,
    ...TOKEN_ATTRIBUTES.map((a) => `token[${index}].${a}`),
    ...Object.keys(SEVERITY_LEVELS).map((l) => `severity.map.${l}.if.deviceSeverity`),
  ];
  if (afterBracket) out.push(`token[${index}].${afterBracket}`);
  return out;
}

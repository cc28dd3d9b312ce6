/** A problem found while loading a parser file, at a 1-based position in that file. */
export interface FlexFinding {
  /** Stable kebab-case code (see FLEX_FINDING_CODES). */
  code: FlexFindingCode;
  severity: 'error' | 'warning' | 'info';
  message: string;
  hint?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * Every code the loader can report, its usual severity and one line saying what it means. Errors make the file
 * unusable as written (a mapping or token cannot work); warnings are mistakes the connector tolerates in some way
 * (the message says which); infos point at guesses and odd-but-valid constructs.
 */
export const FLEX_FINDING_CODES = {
  'properties-syntax': { severity: 'error', description: 'The file is not valid .properties text (Java would refuse to load it).' },
  'trigger-node-missing': { severity: 'error', description: 'trigger.node.location is not set, so no event can be produced.' },
  'token-count-missing': { severity: 'error', description: 'token.count is not set; the connector reads no tokens without it.' },
  'token-count-invalid': { severity: 'error', description: 'token.count is not a non-negative whole number.' },
  'token-count-mismatch': { severity: 'warning', description: 'token.count differs from the number of tokens declared.' },
  'token-index-duplicate': {
    severity: 'error',
    description: 'A token index is declared twice (copy-paste); Java keeps the last value of each key, so the earlier tokens of that index are lost.',
  },
  'token-beyond-count': { severity: 'warning', description: 'token[i] has i >= token.count; the connector never reads it.' },
  'token-missing': { severity: 'warning', description: 'An index below token.count has no token declared; it is skipped.' },
  'token-missing-name': { severity: 'error', description: 'A token has no token[i].name, so nothing can refer to it.' },
  'token-missing-location': { severity: 'error', description: 'A token has no token[i].location, so it never gets a value.' },
  'token-name-duplicate': { severity: 'warning', description: 'Two tokens share a name; references use the last one.' },
  'token-unknown-attribute': { severity: 'warning', description: 'token[i].<attribute> is not name, type, location or format.' },
  'unknown-token-type': { severity: 'error', description: 'token[i].type is not a FlexConnector token type.' },
  'unsupported-token-type': { severity: 'warning', description: 'A token type whose JSON semantics are unknown; treated as String.' },
  'token-format-missing': { severity: 'error', description: 'A TimeStamp token has no token[i].format (a SimpleDateFormat pattern).' },
  'invalid-date-format': { severity: 'error', description: 'token[i].format is not a valid SimpleDateFormat pattern.' },
  'invalid-collection-format': { severity: 'error', description: 'A __collection(...) format does not have the form __collection(keyField,bool,bool).' },
  'emulator-only-location': {
    severity: 'info',
    description:
      'A token location uses a step only the emulator defines (name[member=value], or a final * for the members no other token reads): parse, conformance and pull run it; a FlexConnector does not document it.',
  },
  'unknown-format-operation': {
    severity: 'warning',
    description: 'token[i].format names an __operation that is not a known format operation (only __collection is); the format is ignored.',
  },
  'format-ignored': { severity: 'warning', description: 'token[i].format is set on a token type that does not use a format.' },
  'empty-expression': { severity: 'warning', description: 'A mapping has an empty right-hand side, so the field is never set.' },
  'expression-syntax': { severity: 'error', description: 'A mapping expression does not parse.' },
  'unknown-operation': { severity: 'error', description: 'An __operation name the connector does not know.' },
  'unemulated-operation': { severity: 'warning', description: 'An operation ArcSight has but whose behaviour is not public; the emulation gives null.' },
  'wrong-arity': { severity: 'error', description: 'An operation is called with too few or too many arguments.' },
  'invalid-operation-argument': { severity: 'error', description: 'A literal argument cannot work (an invalid regex or date pattern).' },
  'unverified-operation': { severity: 'info', description: 'An operation whose exact semantics the public record does not confirm; see docs/emulation.md.' },
  'undeclared-token': { severity: 'info', description: 'Bare text that names no declared token is used as literal text.' },
  'collection-reference': { severity: 'info', description: 'Bare text that may name a __collection element; literal text when no element has that name.' },
  'positional-reference': { severity: 'warning', description: '$N / %N refer to regex groups of sub-messages; in a JSON parser they are always null.' },
  'quoted-literal-mapping': { severity: 'info', description: 'A mapping is a bare quoted literal; __stringConstant("...") is the documented form.' },
  'unknown-field': { severity: 'error', description: 'event.<field> names no ArcSight event field.' },
  'connector-field': {
    severity: 'warning',
    description: 'event.<field> names a field ArcSight fills in itself (agent data, geo-location, parts of requestUrl); the mapping has no effect.',
  },
  'double-equals': { severity: 'warning', description: 'The value starts with "=" (a "==" in the file); the leading "=" is ignored.' },
  'key-with-space': { severity: 'warning', description: 'A key contains an unescaped space; Java ends the key there and the rest becomes the value.' },
  'duplicate-key': { severity: 'warning', description: 'A key is set twice; Java keeps the last value.' },
  'unknown-key': { severity: 'warning', description: 'A key the JSON parser does not read (often a typo); it is ignored.' },
  'unsupported-key': { severity: 'info', description: 'A key of another parser type (regex, key-value, sub-messages, extra processors); not emulated.' },
  'unknown-severity-level': { severity: 'warning', description: 'severity.map.<level> is not veryhigh, high, medium, low or unknown.' },
  'severity-value-conflict': { severity: 'warning', description: 'The same deviceSeverity value is listed under two severity levels; the first wins.' },
  'severity-map-unused': { severity: 'warning', description: 'severity.map is set but no mapping sets event.deviceSeverity.' },
  'conditionalmap-count-invalid': { severity: 'error', description: 'conditionalmap.count or a mappings.count is not a non-negative whole number.' },
  'conditionalmap-count-mismatch': { severity: 'warning', description: 'A conditional-map count differs from the entries declared.' },
  'conditionalmap-beyond-count': { severity: 'warning', description: 'A conditional-map entry has an index >= its count; it is ignored.' },
  'conditionalmap-selector-missing': { severity: 'error', description: 'conditionalmap[i] has neither .field nor .token.' },
  'conditionalmap-field-unset': { severity: 'info', description: 'conditionalmap[i].field names an event field no mapping sets, so the map never matches.' },
  'conditionalmap-values-missing': { severity: 'warning', description: 'conditionalmap[i].mappings[j] has no .values; it never matches.' },
  'additionaldata-enabled-invalid': { severity: 'warning', description: 'additionaldata.enabled is neither true nor false (Java reads it as false).' },
  'unused-token': { severity: 'info', description: 'A token no mapping uses (and additionaldata.enabled is off): its value is discarded.' },
} as const satisfies Record<string, { severity: FlexFinding['severity']; description: string }>;

export type FlexFindingCode = keyof typeof FLEX_FINDING_CODES;

/**
 * Errors that make the whole file unusable (Java cannot load it, or no event can start). Every other error costs
 * only its own mapping, token or map: the loader leaves that piece out and the rest still runs.
 */
export const FILE_LEVEL_CODES: ReadonlySet<FlexFindingCode> = new Set<FlexFindingCode>(['properties-syntax', 'trigger-node-missing']);

/**
 * Codes of the per-event warnings the engine adds (EventWarning.code), beside the codes operations use.
 */
export const EVENT_WARNING_CODES = {
  'token-conversion-failed': 'A token value cannot be converted to the token type; the token is null.',
  'token-precision-lost': 'A JSON number is beyond 2^53 and lost precision when read.',
  'field-conversion-failed': 'A value cannot be converted to the field type; the field is left unset.',
  'field-out-of-range': 'A number is outside the field range (ports 0-65535, enums); the field is left unset.',
  'field-truncated': 'A string is longer than the field maximum and was truncated.',
  'trigger-node-not-object': 'A trigger node is not a JSON object; its tokens are all null.',
  'operation-failed': 'An operation threw an unexpected error; its result is null.',
} as const;

// Public face of src/flex: the FlexConnector JSON parser emulation (load, compile, run, encode).
export type { FlexFinding, FlexFindingCode } from './findings.js';
export { FLEX_FINDING_CODES, EVENT_WARNING_CODES, FILE_LEVEL_CODES } from './findings.js';
export type {
  ParserSpec,
  TokenSpec,
  TokenType,
  MappingSpec,
  AdditionalDataSpec,
  SeverityRule,
  ConditionalMapSpec,
  ConditionalMappingSpec,
  CollectionFormat,
  SourcePos,
} from './spec.js';
export { TOKEN_TYPES } from './spec.js';
export { loadParserSpec, type LoadOptions, type LoadResult } from './parser-file.js';
export { compileParser, type CompiledParser, type CompileOptions } from './engine.js';
export { isTimeZone } from './java/index.js';
export type { AgentSeverity, EventValue, EventWarning, ParsedEvent } from './event.js';
export { eventToJson, eventToJsonText, jsonValueOf } from './event.js';
export { toCef, CEF_SEVERITY, escapeCefHeader, escapeCefExtensionValue } from './cef.js';
export { EVENT_FIELDS, CONNECTOR_FIELDS, connectorFieldReason, type EventFieldInfo, type FieldType } from './schema.js';
export { suggest } from './suggest.js';
export { parseExpression, formatExpression, walkTokens, type ExprNode, type ParsedExpression } from './expression.js';
export { parseLocation, isEmulatorOnlyLocation, type LocationStep } from './location.js';
export { ASSUMPTIONS, type AssumptionId } from './assumptions.js';
export { jsonPreview, jsonText, jsonTextPieces, MAX_JSON_NESTING, nestedDeeperThan } from './json-text.js';
export { isNumericDateField, tokenizeDatePattern, type DatePatternPiece } from './java/index.js';

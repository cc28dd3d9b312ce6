// Public face of src/text: helpers for reading text files that every layer may use (byte order marks, JSON
// with positions). Depends on nothing else in wdatp-arcsight.
export { BOM, stripBom, utf8BomLength } from './bom.js';
export {
  escapePointerSegment,
  findJsonSyntaxError,
  JsonSyntaxError,
  parseJson,
  parseJsonWithPositions,
  type JsonDocument,
  type JsonNodeRange,
  type JsonPosition,
  type JsonSyntaxErrorKind,
} from './json.js';

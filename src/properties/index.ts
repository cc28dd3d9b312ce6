// Java .properties files: read with source positions, escape, write, and edit in place, as java.util.Properties does.
export type { PropertiesDiagnostic, PropertiesDocument, PropertyEntry } from './types.js';
export { parseProperties } from './parse.js';
export { decodeWithMap } from './decode.js';
export { LineIndex } from './positions.js';
export { readPropertiesFile } from './read-file.js';
export { escapePropertyKey, escapePropertyValue, formatProperties, type FormatItem } from './escape.js';
export { editProperties, type PropertyEdit } from './edit.js';
export { connectorFileTooLarge, MAX_CONNECTOR_FILE_BYTES, readConnectorFile } from './limits.js';

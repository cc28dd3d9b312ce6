// The library's public entry: the core modules, without the CLI. Each namespace is a folder's public index.
export * from './errors/index.js';
export * as properties from './properties/index.js';
export * as connector from './connector/index.js';
export * as flex from './flex/index.js';
export * as lint from './lint/index.js';
export * as oauth from './oauth/index.js';
export * as alerts from './alerts/index.js';
export * as sandbox from './sandbox/index.js';
export * as conformance from './conformance/index.js';

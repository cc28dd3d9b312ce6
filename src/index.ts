// The library's public entry: the core modules, without the CLI.
export * from './errors/index.js';

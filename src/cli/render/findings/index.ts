// Writers of validate's findings: text for people, json for scripts, sarif for code scanning, github for
// workflow annotations. Each takes the lint result (source lines already masked) and returns the whole output.
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import type { FindingsFormat, FindingsRenderer } from './types.js';

export { FINDINGS_FORMATS, type FindingsFormat, type FindingsRenderOptions, type FindingsRenderer } from './types.js';
export { escapeData, escapeProperty } from './github.js';
export { JSON_REPORT_VERSION } from './json.js';

export const FINDINGS_RENDERERS: Record<FindingsFormat, FindingsRenderer> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  github: renderGithub,
};

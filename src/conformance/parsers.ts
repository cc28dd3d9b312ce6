import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors/index.js';
import { compileParser, loadParserSpec, type CompiledParser, type ParserSpec } from '../flex/index.js';
import { renderParserFile } from '../connector/index.js';
import type { ParserSource } from './types.js';

/** How a parser source is named in reports. */
export function parserLabel(source: ParserSource): string {
  return source.kind === 'file' ? source.path : `profile:${source.profile}`;
}

/**
 * Loads each parser file once and compiles it once per time zone, however many cases use it: the cost of a
 * suite is then the alerts, not the parser files.
 */
export class ParserCache {
  private readonly specs = new Map<string, ParserSpec>();
  private readonly compiled = new Map<string, CompiledParser>();

  async get(source: ParserSource, timeZone: string): Promise<{ spec: ParserSpec; parser: CompiledParser }> {
    const label = parserLabel(source);
    const spec = await this.spec(source, label);
    const key = `${timeZone}\u0000${label}`;
    let parser = this.compiled.get(key);
    if (!parser) {
      try {
        parser = compileParser(spec, { timeZone });
      } catch (cause) {
        throw new ConfigError(`cannot compile ${label} for time zone ${timeZone}: ${(cause as Error).message}`, { cause });
      }
      this.compiled.set(key, parser);
    }
    return { spec, parser };
  }

  private async spec(source: ParserSource, label: string): Promise<ParserSpec> {
    const cached = this.specs.get(label);
    if (cached) return cached;
    let text: string;
    if (source.kind === 'profile') text = renderParserFile(source.profile);
    else {
      try {
        // Parser files are ISO-8859-1, as java.util.Properties reads them.
        text = await readFile(source.path, 'latin1');
      } catch (cause) {
        throw new ConfigError(`cannot read the parser file: ${(cause as Error).message}`, { file: source.path, cause });
      }
    }
    const { spec, findings } = loadParserSpec(text, { file: label });
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      const first = errors[0]!;
      throw new ConfigError(
        `the parser file has ${errors.length} error${errors.length === 1 ? '' : 's'}: ${errors.map((e) => `${e.line}:${e.column} ${e.message} [${e.code}]`).join('; ')}`,
        { file: label, line: first.line, column: first.column, hint: `Check it with: wdatp-arcsight validate ${label}` },
      );
    }
    this.specs.set(label, spec);
    return spec;
  }
}

import type { ChalkInstance } from 'chalk';
import type { LintResult } from '../../../lint/index.js';

export interface FindingsRenderOptions {
  /** Colour for text output; machine formats ignore it. */
  chalk: ChalkInstance;
  tool: { name: string; version: string };
}

export type FindingsRenderer = (result: LintResult, options: FindingsRenderOptions) => string;

export const FINDINGS_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type FindingsFormat = (typeof FINDINGS_FORMATS)[number];

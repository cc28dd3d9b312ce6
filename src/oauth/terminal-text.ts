import { printable } from '../errors/index.js';

/**
 * Text from a remote party (an error description, an API's error message) on its way to a terminal: control
 * characters are shown escaped (errors' `printable`), so a hostile server cannot move the cursor, recolour the
 * screen or write CI workflow commands; long text is cut.
 */
export function escapeControl(text: string, max = 300): string {
  return printable(text.length > max ? `${text.slice(0, max)}…` : text);
}

/**
 * Control characters (C0, DEL, C1), and the Unicode controls that reorder or hide text, act on a terminal or a
 * CI log when printed raw: ESC/OSC sequences restyle or retitle the terminal, BEL rings, a newline followed by
 * `::error::` becomes a GitHub Actions workflow command. Untrusted text (alert values, file contents, remote
 * messages) is shown with them escaped.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u0000': '\\u0000' };

/** The text with control characters written as escapes: `\n`, `\t`, `\x1b`, `\u0000`, `\u202e`. */
export function printable(text: string): string {
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/** `printable` for each line of a message that is meant to span lines. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

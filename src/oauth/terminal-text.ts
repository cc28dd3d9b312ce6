/**
 * Text from a remote party (an error description, an API's error message) on its way to a terminal: control
 * characters are shown escaped (\n, \x1b, \u0085), so a hostile server cannot move the cursor, recolour the screen
 * or write CI workflow commands. Long text is cut.
 */
export function escapeControl(text: string, max = 300): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

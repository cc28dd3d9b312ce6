/**
 * Hiding the client secret in text that is shown or compared: diffs printed on refusal or drift must never
 * reveal it, and `render --check` without a secret compares everything except its value.
 */

const SECRET_LINE = /^([ \t\f]*client_secret(?:[ \t\f]*[=:][ \t\f]*|[ \t\f]+))(.*)$/;

/** True when a physical line continues onto the next one (an odd number of trailing backslashes). */
function continues(line: string): boolean {
  const trailing = /\\*$/.exec(line)![0].length;
  return trailing % 2 === 1;
}

function replaceSecret(text: string, replacement: (value: string) => string): string {
  const lines = text.split('\n');
  let previousContinues = false;
  let inSecret = false;
  for (let i = 0; i < lines.length; i++) {
    const cr = lines[i]!.endsWith('\r') ? '\r' : '';
    const line = cr ? lines[i]!.slice(0, -1) : lines[i]!;
    const logicalStart = !previousContinues;
    previousContinues = continues(line);
    if (logicalStart) {
      inSecret = false;
      if (/^[ \t\f]*[#!]/.test(line)) {
        previousContinues = false; // comments never continue
        continue;
      }
      const match = SECRET_LINE.exec(line);
      if (match) {
        inSecret = true;
        const value = previousContinues ? `${match[2]!}…` : match[2]!;
        lines[i] = `${match[1]!}${replacement(value)}${cr}`;
      }
    } else if (inSecret) {
      lines[i] = cr; // a continuation of the secret: part of the hidden value
    }
  }
  return lines.join('\n');
}

/** For display: a non-empty secret becomes ********; an empty one stays visibly empty. */
export function redactClientSecret(text: string): string {
  return replaceSecret(text, (value) => (value === '' ? '' : '********'));
}

/** For comparison when the secret is unknown: every client_secret value becomes the same marker. */
export function ignoreClientSecret(text: string): string {
  return replaceSecret(text, () => '<not compared>');
}

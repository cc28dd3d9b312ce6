/**
 * Hiding the client secret in text that is shown or compared: diffs printed on refusal or drift must never
 * reveal it, and `render --check` without a secret compares everything except its value.
 */
import { isGuid } from './guid.js';

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

/**
 * A client secret value that cannot be one because it is a GUID: the client id pasted twice, or (far more often)
 * the "Secret ID" Azure shows beside the value. Undefined when the value is not a GUID. `init` checks answers and
 * `validate` checks files with this one function.
 */
export function secretIdMistake(secret: string, clientId?: string): 'client-id' | 'secret-id' | undefined {
  const s = secret.trim();
  if (!isGuid(s)) return undefined;
  return clientId !== undefined && clientId.trim().toLowerCase() === s.toLowerCase() ? 'client-id' : 'secret-id';
}

export const SECRET_ID_MESSAGES: Readonly<Record<'client-id' | 'secret-id', string>> = {
  'client-id': 'client_secret is the client id, not the secret value.',
  'secret-id': 'client_secret is a GUID: that is the secret ID shown beside the value, not the secret value.',
};

/** How to get the right value: shown by the lint rule and by init alike. */
export const SECRET_ID_FIX =
  'In the app registration, Certificates & secrets, copy the Value column, not the Secret ID; create a new secret if the value is no longer shown.';

import { SECRET_ID_FIX, SECRET_ID_MESSAGES, isGuid, secretIdMistake } from '../../../connector/index.js';
import { defineRule } from '../../rule.js';
import type { ClientContext } from './context.js';

// Findings about the secret never quote it: messages name the problem and its column, not the characters.

const clientIdNotGuid = defineRule<ClientContext>({
  id: 'WDA104',
  name: 'client-id-not-guid',
  family: 'client',
  severity: 'error',
  description: 'client_id is the application (client) id: a GUID.',
  fix: 'Copy the "Application (client) ID" from the app registration (or "OAuth 2 Client ID" from the SIEM page).',
  help:
    'Azure AD identifies the app by its application id, a GUID such as 8eaef023-2b34-4da1-9baa-8bc8c9d6a490. ' +
    'A display name, an object id with braces or a truncated copy fails with AADSTS700016.',
  *check(ctx) {
    const id = ctx.get('client_id');
    if (!id || id.value.trim() === '') {
      if (id) yield { message: 'client_id is empty.', ...id.text.whole() };
      return;
    }
    const v = id.value.trim();
    if (isGuid(v)) return;
    const braced = /^\{(.*)\}$/.exec(v);
    const message =
      braced && isGuid(braced[1]!)
        ? 'client_id has braces around the GUID; Azure AD expects the bare GUID.'
        : /[<>]|your|client.?id|xxx/i.test(v)
          ? 'client_id is a placeholder, not an application id.'
          : 'client_id is not a GUID (8-4-4-4-12 hex digits).';
    yield { message, ...id.text.whole() };
  },
});

const secretEmpty = defineRule<ClientContext>({
  id: 'WDA105',
  name: 'secret-empty',
  family: 'client',
  severity: 'error',
  description: 'client_secret has a value.',
  fix: 'Paste the client secret value (Certificates & secrets > Value), or let `wdatp-arcsight init` write it.',
  help: 'The token endpoint rejects a code exchange without the secret of a web app (AADSTS7000218).',
  *check(ctx) {
    const s = ctx.get('client_secret');
    if (s && s.value.trim() === '') yield { message: 'client_secret is empty.', ...s.text.whole() };
  },
});

const PLACEHOLDER =
  /^(?:<[^>]*>|\{\{?[^}]*\}?\}|\$\{[^}]*\}|%[A-Z_]+%|x+|\*+|\.\.\.|changeme|change[_-]me|secret|client[_-]?secret|(?:your|my|the)[_ -]?(?:client[_ -]?)?secret.*|(?:enter|insert|paste|put)[_ -].*|placeholder|redacted|todo|tbd|none|null|undefined|dummy|1234)$/i;

const secretPlaceholder = defineRule<ClientContext>({
  id: 'WDA106',
  name: 'secret-placeholder',
  family: 'client',
  severity: 'error',
  description: 'client_secret is a real value, not a placeholder such as <client secret> or ${SECRET}.',
  fix: 'Replace the placeholder with the secret value; keep the file out of version control (mode 0600).',
  help:
    'A template value left in place fails with AADSTS7000215 "Invalid client secret provided". The connector does ' +
    'not expand environment variables in this file.',
  *check(ctx) {
    const s = ctx.get('client_secret');
    if (s && s.value.trim() !== '' && PLACEHOLDER.test(s.value.trim())) {
      yield { message: 'client_secret holds a placeholder, not a secret value.', ...s.text.whole() };
    }
  },
});

const secretLooksLikeId = defineRule<ClientContext>({
  id: 'WDA107',
  name: 'secret-looks-like-id',
  family: 'client',
  severity: 'error',
  description: 'client_secret is not a GUID: that is the secret ID (or the client id), not the secret value.',
  fix: SECRET_ID_FIX,
  help:
    'Azure AD shows a secret\'s Value only once, next to its "Secret ID", which is a GUID. Pasting the id gives ' +
    'AADSTS7000215 "Invalid client secret provided". Secret values are 40 characters with ~ . _ - (older ones 44 base64).',
  *check(ctx) {
    const s = ctx.get('client_secret');
    const mistake = s && secretIdMistake(s.value, ctx.get('client_id')?.value);
    if (s && mistake) yield { message: SECRET_ID_MESSAGES[mistake], ...s.text.whole() };
  },
});

const secretWhitespace = defineRule<ClientContext>({
  id: 'WDA108',
  name: 'secret-whitespace',
  family: 'client',
  severity: 'error',
  description: 'client_secret has no spaces, tabs or line breaks inside or around it.',
  fix: 'Delete the whitespace; secret values never contain any.',
  help:
    'Java keeps trailing spaces of a value, and copying from a browser often adds one, so the connector sends ' +
    'a secret Azure AD does not know (AADSTS7000215). Escaped leading spaces and spaces inside are kept too.',
  *check(ctx) {
    const s = ctx.get('client_secret');
    if (!s || s.value.trim() === '') return;
    const m = /\s+/.exec(s.value.replace(/^\s+$/, ''));
    if (!m) return;
    const where = m.index === 0 ? 'starts with' : m.index + m[0].length === s.value.length ? 'ends with' : 'contains';
    yield { message: `client_secret ${where} whitespace, which Java keeps as part of the secret.`, ...s.text.span(m.index, m.index + m[0].length) };
  },
});

/** Escapes whose result is the character written: harmless in a secret. */
const LITERAL_ESCAPES = new Set(['\\', '=', ':', '#', '!', ' ']);

const secretBackslash = defineRule<ClientContext>({
  id: 'WDA109',
  name: 'secret-backslash',
  family: 'client',
  severity: 'error',
  description: 'client_secret has no single backslash, which Java would drop or turn into a control character.',
  fix: 'Write each backslash of the secret as \\\\ (or let `wdatp-arcsight init` escape it).',
  help:
    'In a .properties file a backslash starts an escape: `\\q` is read as `q`, `\\t` as a tab, `\\u0041` as `A`, ' +
    'and a backslash at the end of the line joins the next line to the value. The secret the connector sends then ' +
    'differs from the one you pasted.',
  *check(ctx) {
    const s = ctx.get('client_secret');
    if (!s) return;
    const raw = s.entry.rawValue;
    if (s.entry.endLine > s.entry.line) {
      yield {
        message: 'client_secret ends its line with a backslash, so Java joins the next line to the secret.',
        ...s.text.whole(),
      };
    }
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] !== '\\') continue;
      const next = raw[i + 1];
      if (next !== undefined && LITERAL_ESCAPES.has(next)) {
        i += 1;
        continue;
      }
      if (next === undefined) continue;
      const decodedIndex = s.text.map.indexOf(i);
      const span = decodedIndex >= 0 ? s.text.span(decodedIndex, decodedIndex + 1) : s.text.whole();
      yield {
        message: `client_secret has a backslash at column ${span.column} that Java reads as an escape, changing the secret.`,
        ...span,
      };
      i += 1;
    }
  },
});

const secretControlCharacter = defineRule<ClientContext>({
  id: 'WDA137',
  name: 'secret-control-character',
  family: 'client',
  severity: 'warning',
  description: 'client_secret has no control characters (NUL, escape, other non-printing characters).',
  fix: 'Paste the secret value again; secret values are printable characters only.',
  help:
    'A control character in the secret (a NUL byte from a bad copy, a `\\u0000` escape) is sent to Azure AD as part ' +
    'of it, so the sign-in fails with AADSTS7000215, and it cannot be seen when the file is viewed.',
  *check(ctx) {
    const s = ctx.get('client_secret');
    if (!s) return;
    const m = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.exec(s.value);
    if (!m) return;
    const code = m[0].charCodeAt(0).toString(16).padStart(4, '0');
    yield {
      message: `client_secret contains the control character U+${code.toUpperCase()} at column ${s.text.span(m.index, m.index + 1).column}.`,
      ...s.text.span(m.index, m.index + 1),
    };
  },
});

const clientFilePermissions = defineRule<ClientContext>({
  id: 'WDA138',
  name: 'client-file-permissions',
  family: 'client',
  severity: 'warning',
  description: 'The client file, which holds the secret, is readable by its owner only (mode 0600).',
  fix: 'Run chmod 600 on the file (wdatp-arcsight init writes it with mode 0600).',
  help: 'Anyone who can read the file can sign in as the app and read every Defender alert of the tenant.',
  *check(ctx) {
    if (ctx.mode === undefined || (ctx.mode & 0o044) === 0) return;
    const s = ctx.get('client_secret');
    if (!s || s.value.trim() === '') return;
    const who = ctx.mode & 0o004 ? 'everyone' : 'its group';
    yield { message: `The file holds client_secret and is readable by ${who} (mode ${(ctx.mode & 0o777).toString(8).padStart(4, '0')}).`, line: 1, column: 1 };
  },
});

/** The client id and secret rules. Only listed rules run: lint/registry.ts gathers these lists, and a rule left out is an unused local. */
export const CLIENT_SECRET_RULES = [
  clientIdNotGuid,
  secretEmpty,
  secretPlaceholder,
  secretLooksLikeId,
  secretWhitespace,
  secretBackslash,
  secretControlCharacter,
  clientFilePermissions,
];

import { defineRule } from '../../rule.js';
import { isSensitiveKey, loginVersion, type ClientContext } from './context.js';

const quotedValue = defineRule<ClientContext>({
  id: 'WDA110',
  name: 'quoted-value',
  family: 'client',
  severity: 'error',
  description: 'Values are written without quotes.',
  fix: 'Remove the quotes: everything after the = is the value.',
  help:
    '.properties files have no quoting: `client_secret="abc"` makes the quotes part of the secret, and ' +
    '`auth_url="https://..."` is not a URL the connector can open.',
  *check(ctx) {
    // A Graph file's scope is sent to Azure AD, so quotes there break it; a v1 scope is ignored anyway (WDA113).
    const scopeMatters = loginVersion(ctx) === 'v2';
    for (const entry of ctx.doc.entries) {
      if (
        (entry.key === 'scope' && !scopeMatters) ||
        entry.key === 'reauthenticate' ||
        !/^(["']).*\1$/s.test(entry.value.trim()) ||
        entry.value.trim().length < 2
      ) {
        continue;
      }
      const v = ctx.get(entry.key);
      const span = v && v.entry === entry ? v.text.whole() : { line: entry.valueLine, column: entry.valueColumn };
      yield { message: `${entry.key} is wrapped in quotes, which become part of the value.`, ...span };
    }
  },
});

const trailingWhitespace = defineRule<ClientContext>({
  id: 'WDA111',
  name: 'trailing-whitespace',
  family: 'client',
  severity: 'error',
  description: 'client_id, the URLs and reauthenticate have no trailing spaces or tabs.',
  fix: 'Delete the spaces at the end of the line.',
  help:
    'Java keeps the spaces after a value: a client id or URL with a trailing space is a different client id or ' +
    'URL, and `reauthenticate=true ` reads as false. (The secret has its own rule, WDA108.)',
  *check(ctx) {
    for (const key of ['client_id', 'auth_url', 'token_url', 'redirect_uri', 'reauthenticate']) {
      const v = ctx.get(key);
      if (!v || isSensitiveKey(key)) continue;
      const m = /\s+$/.exec(v.value);
      if (!m || m.index === 0) continue;
      yield { message: `${key} ends with whitespace, which Java keeps in the value.`, ...v.text.span(m.index, v.value.length) };
    }
  },
});

const continuedValue = defineRule<ClientContext>({
  id: 'WDA112',
  name: 'continued-value',
  family: 'client',
  severity: 'warning',
  description: 'No value (other than the secret, see WDA109) continues onto the next line with a trailing backslash.',
  fix: 'Join the value onto one line, or remove the backslash at the end of the line.',
  help:
    'A backslash at the end of a line joins the next line to the value, so the next key becomes part of this ' +
    "value and is lost. That is rarely intended in the connector's client file.",
  *check(ctx) {
    for (const entry of ctx.doc.entries) {
      if (entry.endLine <= entry.line || entry.key === 'client_secret') continue;
      const text = ctx.lines.line(entry.line) ?? '';
      yield {
        message: `${entry.key} continues onto line ${entry.line + 1} because its line ends with a backslash.`,
        line: entry.line,
        column: Math.max(1, text.length),
        endLine: entry.line,
        endColumn: text.length + 1,
      };
    }
  },
});

const scopeNotBlank = defineRule<ClientContext>({
  id: 'WDA113',
  name: 'scope-not-blank',
  family: 'client',
  severity: 'warning',
  description: 'On the v1 endpoint (SIEM API), scope is left blank (Azure AD v1 ignores it).',
  fix: 'Leave the value blank: `scope=`.',
  help:
    'The connector signs in with Azure AD v1, which ignores scope (the resource in auth_url decides what the ' +
    'token is for). Microsoft says to leave it blank; a value suggests the file was meant for another API. ' +
    'A Graph set-up (v2.0 endpoints) needs a scope instead: see WDA133 and WDA134.',
  *check(ctx) {
    const version = loginVersion(ctx);
    if (version === 'v2' || version === 'mixed') return; // a Graph file needs a scope; a mixed one is WDA131's
    const v = ctx.get('scope');
    if (v && v.value.trim() !== '') yield { message: 'scope has a value; Azure AD v1 ignores it.', ...v.text.whole() };
  },
});

const reauthenticateNotBoolean = defineRule<ClientContext>({
  id: 'WDA114',
  name: 'reauthenticate-not-boolean',
  family: 'client',
  severity: 'error',
  description: 'reauthenticate is true or false.',
  fix: 'Write reauthenticate=true (or false).',
  help:
    'The value is read with Java\'s Boolean.parseBoolean: anything but "true" (any case) is false, so `yes`, `1` ' +
    'or `true ` quietly turn re-authentication off, and the connector then stops with "Failed to refresh the token. ' +
    'Set reauthenticate to true" when the refresh token expires.',
  *check(ctx) {
    const v = ctx.get('reauthenticate');
    if (!v || /^(true|false)$/i.test(v.value)) return;
    if (/^(true|false)\s+$/i.test(v.value)) return; // WDA111 reports the trailing whitespace
    yield {
      message: `reauthenticate is "${v.value.trim()}", which Java reads as false; write true or false.`,
      ...v.text.whole(),
    };
  },
});

const reauthenticateMissing = defineRule<ClientContext>({
  id: 'WDA115',
  name: 'reauthenticate-missing',
  family: 'client',
  severity: 'info',
  description: 'reauthenticate=true is set, as Microsoft recommends.',
  fix: 'Add the line reauthenticate=true.',
  help:
    'With reauthenticate=true the connector opens a browser to sign in again when its refresh token no longer ' +
    'works (it expires after 90 days); without it the connector stops with "Failed to refresh the token".',
  *check(ctx) {
    if (!ctx.get('reauthenticate') && ctx.get('client_id')) {
      yield { message: 'reauthenticate is not set; Microsoft recommends reauthenticate=true.', line: 1, column: 1 };
    }
  },
});

/** The client value syntax rules. Only listed rules run: lint/registry.ts gathers these lists, and a rule left out is an unused local. */
export const CLIENT_VALUE_RULES = [quotedValue, trailingWhitespace, continuedValue, scopeNotBlank, reauthenticateNotBoolean, reauthenticateMissing];

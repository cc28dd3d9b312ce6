import { defineRule, fileLevel } from '../../rule.js';
import { keySpan } from '../../properties-source.js';
import { closest } from '../../urls.js';
import type { Issue } from '../../types.js';
import { KNOWN_CLIENT_KEYS, REQUIRED_CLIENT_KEYS, type ClientContext } from './context.js';

const missingRequiredKey = defineRule<ClientContext>({
  id: 'WDA101',
  name: 'missing-required-key',
  family: 'client',
  severity: 'error',
  description: 'The client properties file sets client_id, client_secret, auth_url, token_url and redirect_uri.',
  fix: 'Add the missing key; `wdatp-arcsight init` writes a complete file.',
  help:
    'The REST FlexConnector and `arcsight restutil token` read these five keys from the OAuth 2 client properties ' +
    'file. A missing one surfaces only when the connector starts, as an OAuth error in agent.log.',
  *check(ctx) {
    for (const key of REQUIRED_CLIENT_KEYS) {
      if (ctx.get(key)) continue;
      // A case variant (client_ID) is reported once, by WDA102, as an error that names the key to rename.
      if (ctx.doc.entries.some((e) => e.key.toLowerCase() === key)) continue;
      yield fileLevel(`${key} is missing.`);
    }
  },
});

const unknownKey = defineRule<ClientContext>({
  id: 'WDA102',
  name: 'unknown-key',
  family: 'client',
  severity: 'warning',
  description: 'Every key is one the connector reads (keys are case-sensitive).',
  fix: 'Correct the key to the suggested spelling, or delete the line.',
  help:
    'The connector ignores keys it does not know, so a misspelt key silently leaves its setting unset. ' +
    "Microsoft's setup page lists the client id as `client_ID`, while the sample file it ships (and the connector) " +
    'spell it `client_id`: Java property keys are case-sensitive, so `client_ID` is not read.',
  *check(ctx) {
    for (const entry of ctx.doc.entries) {
      if (KNOWN_CLIENT_KEYS.includes(entry.key)) continue;
      const lower = entry.key.toLowerCase();
      const known = KNOWN_CLIENT_KEYS.find((k) => k === lower);
      let issue: Issue;
      if (known) {
        const explain =
          known === 'client_id' ? " Microsoft's setup page writes client_ID, but the connector reads the key as spelt in its sample file, client_id." : '';
        issue = {
          message: `${entry.key} is not read: property keys are case-sensitive and the connector reads ${known}.${explain}`,
          hint: `Rename ${entry.key} to ${known}.`,
          severity: ctx.get(known) ? 'warning' : 'error',
          ...keySpan(entry),
        };
      } else {
        const guess = closest(entry.key, KNOWN_CLIENT_KEYS);
        issue = {
          message: `Unknown key "${entry.key}"${guess ? ` (did you mean ${guess}?)` : ''}: the connector ignores it.`,
          hint: guess ? `Rename it to ${guess}.` : `Delete it; the connector reads only ${KNOWN_CLIENT_KEYS.join(', ')}.`,
          ...keySpan(entry),
        };
      }
      yield issue;
    }
  },
});

const duplicateKey = defineRule<ClientContext>({
  id: 'WDA103',
  name: 'duplicate-key',
  family: 'client',
  severity: 'warning',
  description: 'A key is set only once.',
  fix: 'Delete all but one of the lines; Java keeps the last.',
  help: 'java.util.Properties keeps the last value of a key, so an earlier line someone edited has no effect.',
  *check(ctx) {
    const seen = new Map<string, number>();
    for (const entry of ctx.doc.entries) {
      const first = seen.get(entry.key);
      if (first === undefined) {
        seen.set(entry.key, entry.line);
        continue;
      }
      yield {
        message: `${entry.key} is set again (first on line ${first}); Java uses the last value.`,
        ...keySpan(entry),
      };
    }
  },
});

/** The client file key rules. Only listed rules run: lint/registry.ts gathers these lists, and a rule left out is an unused local. */
export const CLIENT_KEY_RULES = [missingRequiredKey, unknownKey, duplicateKey];

import {
  CLOUDS,
  GRAPH_ALERTS_PATH,
  apiOf,
  cloudForEventsHost,
  cloudsForGraphHost,
  cloudsForLoginHost,
  graphEndpoints,
  isLoopbackHost,
  type Cloud,
} from '../../../connector/index.js';
import { basename } from 'node:path';
import { defineRule } from '../../rule.js';
import { parseUrl, tenantProblem, pathSegmentRange, safeDecode } from '../../urls.js';
import type { ProjectContext } from './context.js';
import { loginVersion } from '../client/context.js';
import { at, eventsApi, flagUrls, graphFilter } from './events-url.js';

const PARSER_SUFFIX = '.jsonparser.properties';

const eventsUrlInvalid = defineRule<ProjectContext>({
  id: 'WDA301',
  name: 'events-url-invalid',
  family: 'cross',
  severity: 'error',
  description: 'The Events URL is an absolute https URL.',
  fix: 'Pass the full URL, e.g. https://graph.microsoft.com/v1.0/security/alerts_v2?$filter=lastUpdateDateTime%20ge%20$START_AT_TIME&$top=2000 (or, for a legacy set-up, https://wdatp-alertexporter-eu.securitycenter.windows.com/api/alerts?sinceTimeUtc=$START_AT_TIME).',
  help: 'The Events URL is what the connector polls for alerts; it is typed into the connector wizard, not stored in these files, so pass it with --events-url to check it.',
  *check(ctx) {
    for (const src of flagUrls(ctx)) {
      const url = parseUrl(src.url);
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
        yield at(ctx, src, `${JSON.stringify(src.url)} is not an absolute http(s) URL.`); // JSON: control characters escaped
      else if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
        yield at(ctx, src, 'plain http: the bearer token would travel unencrypted; the alert API answers only https.');
    }
  },
});

const eventsUrlHost = defineRule<ProjectContext>({
  id: 'WDA302',
  name: 'events-url-host-unknown',
  family: 'cross',
  severity: 'error',
  description: 'The Events URL host is a Microsoft Graph host, a SIEM alert export host (wdatp-alertexporter-<region>...), or a loopback test server.',
  fix: 'Use the Graph host of your cloud (graph.microsoft.com, graph.microsoft.us, dod-graph.microsoft.us), or for a legacy set-up the alert export host of your region, e.g. wdatp-alertexporter-eu.securitycenter.windows.com.',
  help:
    'Graph alerts_v2 is on graph.microsoft.com (commercial and GCC), graph.microsoft.us (GCC High) and ' +
    'dod-graph.microsoft.us (DoD). The legacy SIEM API is on wdatp-alertexporter-eu|us|uk.securitycenter.windows.com ' +
    '(or the shorter .windows.com form) for commercial tenants, wdatp-alertexporter-us.gcc.securitycenter.windows.us ' +
    'for GCC and wdatp-alertexporter-us.securitycenter.windows.us for GCC High and DoD. A loopback host (the ' +
    'sandbox) is accepted.',
  *check(ctx) {
    for (const src of flagUrls(ctx)) {
      const url = parseUrl(src.url);
      if (!url || isLoopbackHost(url.hostname)) continue;
      if (!cloudForEventsHost(url.hostname) && cloudsForGraphHost(url.hostname).length === 0) {
        yield at(ctx, src, `${url.hostname} is neither a Microsoft Graph host nor a Defender SIEM alert export host.`);
      }
    }
  },
});

/** The clouds an Events URL host belongs to, and how to name them; undefined for a loopback or unknown host. */
function eventsClouds(url: URL): { clouds: Cloud[]; label: string } | undefined {
  if (isLoopbackHost(url.hostname)) return undefined;
  const graph = cloudsForGraphHost(url.hostname);
  if (graph.length) return { clouds: graph, label: graph.map((c) => CLOUDS[c].label).join(' / ') };
  const events = cloudForEventsHost(url.hostname);
  if (!events) return undefined;
  // GCC High and DoD share one alert host, reported as gcc-high: both sign in at the .us login host.
  return { clouds: events.cloud === 'gcc-high' ? ['gcc-high', 'dod'] : [events.cloud], label: CLOUDS[events.cloud].label };
}

/** The clouds the client files sign in to (from token_url, else auth_url). */
function loginClouds(ctx: ProjectContext): Array<{ file: string; host: string; clouds: Cloud[] }> {
  const out = [];
  for (const c of ctx.clients) {
    for (const key of ['token_url', 'auth_url']) {
      const url = parseUrl(c.get(key)?.value.trim() ?? '');
      if (!url) continue;
      if (isLoopbackHost(url.hostname)) break;
      const clouds = cloudsForLoginHost(url.hostname);
      if (clouds.length) out.push({ file: c.file, host: url.hostname, clouds });
      break;
    }
  }
  return out;
}

const eventsUrlCloud = defineRule<ProjectContext>({
  id: 'WDA303',
  name: 'events-url-cloud-mismatch',
  family: 'cross',
  severity: 'error',
  description: 'The Events URL belongs to the same cloud (and region) as the login host of the client file and the values file.',
  fix: 'Use the Events URL of the cloud the tenant signs in to: login.microsoftonline.com goes with graph.microsoft.com (or the commercial and GCC alert hosts), login.microsoftonline.us with graph.microsoft.us, dod-graph.microsoft.us (or the GCC High/DoD alert host).',
  help:
    "A token from one cloud's Azure AD is refused by another cloud's API (401), and a SIEM API tenant's alerts " +
    'live only in its own region: the wrong region answers with an empty list or 401, which looks like "no alerts".',
  *check(ctx) {
    const logins = loginClouds(ctx);
    for (const src of ctx.eventsUrls) {
      const url = parseUrl(src.url);
      const events = url && eventsClouds(url);
      if (!url || !events) continue;
      for (const login of logins) {
        if (!login.clouds.some((c) => events.clouds.includes(c))) {
          yield at(
            ctx,
            src,
            `${url.hostname} is a ${events.label} host, but ${basename(login.file)} signs in at ${login.host} (${login.clouds.map((c) => CLOUDS[c].label).join(' / ')}).`,
          );
        }
      }
      if (src.kind !== 'flag') continue;
      const graph = eventsApi(url) === 'graph';
      const region = graph ? undefined : cloudForEventsHost(url.hostname)?.region;
      for (const v of ctx.values) {
        if (!v.values) continue;
        if (!events.clouds.includes(v.values.cloud) || (region && v.values.region && region !== v.values.region)) {
          const expected = graph ? graphEndpoints(v.values.cloud, v.values.tenant).graphHost : CLOUDS[v.values.cloud].eventsHost(v.values.region);
          yield at(ctx, src, `${url.hostname} differs from the host ${basename(v.file)} describes (${expected}).`);
        }
      }
    }
  },
});

const eventsUrlStartAt = defineRule<ProjectContext>({
  id: 'WDA304',
  name: 'events-url-start-at-time',
  family: 'cross',
  severity: 'error',
  description: 'The Events URL filters on $START_AT_TIME: $filter=lastUpdateDateTime ge $START_AT_TIME (Graph) or sinceTimeUtc=$START_AT_TIME (SIEM API).',
  fix: 'Graph: add $filter=lastUpdateDateTime%20ge%20$START_AT_TIME; SIEM API: append ?sinceTimeUtc=$START_AT_TIME (literally; the connector substitutes it).',
  help:
    'The connector replaces $START_AT_TIME with the time of its last poll. Without it every poll returns the same ' +
    "alerts again (the SIEM API's last two hours, or Graph's oldest alerts first), so ArcSight receives " +
    'duplicates and misses the rest. Graph alerts change after they are created (status, classification), so ' +
    'filtering on lastUpdateDateTime also brings each update; createdDateTime brings an alert once.',
  *check(ctx) {
    for (const src of flagUrls(ctx)) {
      const url = parseUrl(src.url);
      if (!url) continue;
      const graph = eventsApi(url) === 'graph';
      if (!src.url.includes('$START_AT_TIME')) {
        yield at(ctx, src, `it does not contain $START_AT_TIME, so every poll fetches ${graph ? 'the same alerts' : 'the last two hours'} again.`);
        continue;
      }
      if (graph) {
        const filter = graphFilter(url);
        const compared = filter && /(\w+)\s+(?:ge|gt)\s+\$START_AT_TIME\b/i.exec(filter);
        if (!compared) {
          yield at(ctx, src, '$START_AT_TIME is not compared in $filter (lastUpdateDateTime ge $START_AT_TIME), so Graph does not filter by it.', {
            severity: 'warning',
          });
        } else if (compared[1]!.toLowerCase() === 'createddatetime') {
          yield at(ctx, src, '$filter compares $START_AT_TIME with createdDateTime, so later changes to an alert (status, classification) never arrive.', {
            severity: 'warning',
            hint: 'Filter on lastUpdateDateTime: $filter=lastUpdateDateTime%20ge%20$START_AT_TIME.',
          });
        }
        continue;
      }
      const since = [...url.searchParams.entries()].find(([k]) => k.toLowerCase() === 'sincetimeutc');
      if (!since || !since[1].includes('$START_AT_TIME')) {
        yield at(ctx, src, '$START_AT_TIME is not the value of sinceTimeUtc, so the API does not filter by it.', { severity: 'warning' });
      }
    }
  },
});

const eventsUrlPath = defineRule<ProjectContext>({
  id: 'WDA305',
  name: 'events-url-path',
  family: 'cross',
  severity: 'warning',
  description: `The Events URL path is ${GRAPH_ALERTS_PATH} (Graph) or /api/alerts (SIEM API).`,
  fix: `Use the path ${GRAPH_ALERTS_PATH} on a Graph host, /api/alerts on an alert export host.`,
  help: `Graph lists alerts at ${GRAPH_ALERTS_PATH} (the beta version may change without notice); the SIEM alert export API answers on /api/alerts (any case, optional trailing slash). Another path gives 404.`,
  *check(ctx) {
    for (const src of flagUrls(ctx)) {
      const url = parseUrl(src.url);
      if (!url || isLoopbackHost(url.hostname)) continue;
      if (cloudsForGraphHost(url.hostname).length > 0) {
        // WDA310 reports the retiring /security/alerts.
        if (/^\/(?:v1\.0|beta)\/security\/alerts\/?$/i.test(url.pathname)) continue;
        if (/^\/beta\/security\/alerts_v2\/?$/i.test(url.pathname)) {
          yield at(ctx, src, `the path is the beta ${url.pathname}; use ${GRAPH_ALERTS_PATH}, which does not change without notice.`);
        } else if (!/^\/v1\.0\/security\/alerts_v2\/?$/i.test(url.pathname)) {
          yield at(ctx, src, `the path is ${url.pathname}, not ${GRAPH_ALERTS_PATH}.`);
        }
      } else if (cloudForEventsHost(url.hostname) && !/^\/api\/alerts\/?$/i.test(url.pathname)) {
        yield at(ctx, src, `the path is ${url.pathname}, not /api/alerts.`);
      }
    }
  },
});

/** The prefixes the parser file may carry, with how sure we are. */
function expectedPrefixes(ctx: ProjectContext): { prefixes: string[]; from: string; strict: boolean } | undefined {
  const fromValues = ctx.values.flatMap((v) => (v.values ? [{ prefix: v.values.prefix, file: v.file }] : []));
  if (fromValues.length) return { prefixes: fromValues.map((v) => v.prefix), from: `the prefix in ${basename(fromValues[0]!.file)}`, strict: true };
  const fromClients = ctx.clients
    .map((c) => basename(c.file))
    .filter((n) => /\.properties$/i.test(n))
    .map((n) => n.replace(/\.properties$/i, ''));
  if (fromClients.length) return { prefixes: fromClients, from: `the client file ${fromClients[0]}.properties`, strict: false };
  return undefined;
}

const parserFileName = defineRule<ProjectContext>({
  id: 'WDA306',
  name: 'parser-file-name',
  family: 'cross',
  severity: 'error',
  description: 'The parser file is named <prefix>.jsonparser.properties, with the configured prefix.',
  fix: 'Rename the parser file to <prefix>.jsonparser.properties and type <prefix> as the connector\'s "Configuration File".',
  help:
    'The connector wizard\'s "Configuration File" field takes only the prefix and the connector then loads ' +
    '<prefix>.jsonparser.properties from its flexagent folder; a file with another name is never read. The prefix ' +
    "comes from the values file, or else from the client file's name (WDATP-connector.properties → WDATP-connector).",
  *check(ctx) {
    const expected = expectedPrefixes(ctx);
    for (const p of ctx.parsers) {
      const name = basename(p.file);
      if (!name.toLowerCase().endsWith(PARSER_SUFFIX)) {
        yield { message: `${name} does not end in ${PARSER_SUFFIX}, so the connector never loads it.`, file: p.file, line: 1, column: 1 };
        continue;
      }
      if (!expected) continue;
      const prefix = name.slice(0, -PARSER_SUFFIX.length);
      if (expected.prefixes.includes(prefix)) continue;
      const caseOnly = expected.prefixes.some((e) => e.toLowerCase() === prefix.toLowerCase());
      if (caseOnly && !expected.strict) continue; // Windows connectors do not care, and the names only suggest the prefix
      yield {
        message: `${name} has prefix ${prefix}, but ${expected.from} says ${expected.prefixes[0]}${caseOnly ? ' (the case differs, which matters on Linux)' : ''}.`,
        severity: expected.strict ? (caseOnly ? 'warning' : 'error') : 'warning',
        hint: `Rename it to ${expected.prefixes[0]}${PARSER_SUFFIX}.`,
        file: p.file,
        line: 1,
        column: 1,
      };
    }
  },
});

const valuesClientMismatch = defineRule<ProjectContext>({
  id: 'WDA307',
  name: 'values-client-mismatch',
  family: 'cross',
  severity: 'warning',
  description: 'The client file agrees with the values file it was rendered from (API, client id, tenant, redirect URI).',
  fix: 'Run `wdatp-arcsight render --values <file>` to regenerate the client file, or correct the values file.',
  help: 'A client file edited by hand drifts from its values file, and the next render silently undoes the edit. Comparing them catches either mistake.',
  *check(ctx) {
    for (const v of ctx.values) {
      if (!v.values) continue;
      for (const c of ctx.clients) {
        const id = c.get('client_id');
        if (id && id.value.trim().toLowerCase() !== v.values.clientId.toLowerCase()) {
          yield { message: `client_id differs from clientId in ${basename(v.file)}.`, file: c.file, ...id.text.whole() };
        }
        const token = c.get('token_url');
        const url = token && parseUrl(token.value.trim());
        const range = token && pathSegmentRange(token.value.trim(), 0);
        if (token && url && range && !isLoopbackHost(url.hostname)) {
          const tenant = safeDecode(token.value.trim().slice(range.start, range.end));
          if (!tenantProblem(tenant) && tenant.toLowerCase() !== v.values.tenant.toLowerCase()) {
            yield {
              message: `token_url names tenant ${tenant}, but ${basename(v.file)} says ${v.values.tenant}.`,
              file: c.file,
              ...token.text.span(range.start, range.end),
            };
          }
        }
        const version = loginVersion(c);
        const api = apiOf(v.values);
        if ((api === 'graph' && version === 'v1') || (api === 'siem' && version === 'v2')) {
          const endpoint = c.get('token_url') ?? c.get('auth_url')!;
          yield {
            message:
              api === 'graph'
                ? `the client file signs in with the v1 endpoints (SIEM API), but ${basename(v.file)} describes a Graph alerts_v2 set-up.`
                : `the client file signs in with the v2.0 endpoints (Graph), but ${basename(v.file)} describes a SIEM API set-up.`,
            file: c.file,
            ...endpoint.text.whole(),
          };
        }
        const redirect = c.get('redirect_uri');
        if (redirect && redirect.value.trim() !== v.values.redirectUri) {
          yield { message: `redirect_uri differs from redirectUri in ${basename(v.file)}.`, file: c.file, ...redirect.text.whole() };
        }
      }
    }
  },
});

/** The cross-file and Events URL rules. Only listed rules run: lint/registry.ts gathers these lists, and a rule left out is an unused local. */
export const CROSS_FILE_RULES = [eventsUrlInvalid, eventsUrlHost, eventsUrlCloud, eventsUrlStartAt, eventsUrlPath, parserFileName, valuesClientMismatch];

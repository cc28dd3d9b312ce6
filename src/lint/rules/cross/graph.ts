import { basename } from 'node:path';
import { GRAPH_ALERTS_PATH, apiOf, isLoopbackHost } from '../../../connector/index.js';
import type { Span } from '../../properties-source.js';
import { defineRule } from '../../rule.js';
import type { Issue } from '../../types.js';
import { GRAPH_FILTER_FIELDS, closest, endpointVersion, filterProperties, parseUrl, queryParamRange } from '../../urls.js';
import { loginVersion, type ClientContext } from '../client/context.js';
import { fieldSpan, type ValuesContext } from '../values/context.js';
import type { ProjectContext } from './context.js';
import { at, eventsApi, flagUrls, graphFilter } from './events-url.js';

// Graph alerts_v2 Events URLs, and the notices a legacy (SIEM API, Azure AD v1) set-up gets.

/** A client file that signs in to a real Azure AD with the v1 endpoints (a sandbox set-up is not one). */
function isLegacyClient(c: ClientContext): boolean {
  if (loginVersion(c) !== 'v1') return false;
  const url = parseUrl(c.get('token_url')?.value.trim() ?? '') ?? parseUrl(c.get('auth_url')?.value.trim() ?? '');
  return url !== undefined && !isLoopbackHost(url.hostname);
}

/** Where a legacy client file names its v1 endpoint: `oauth2/authorize` in auth_url (else `oauth2/token`). */
function v1EndpointSpan(c: ClientContext): Span {
  for (const key of ['auth_url', 'token_url']) {
    const v = c.get(key);
    const url = parseUrl(v?.value.trim() ?? '');
    if (!v || !url || endpointVersion(url) !== 'v1') continue;
    const start = v.value.toLowerCase().indexOf('/oauth2/') + 1;
    const rest = v.value.slice(start);
    const stop = rest.search(/[?#\s]/);
    return v.text.span(start, stop < 0 ? v.value.length : start + stop);
  }
  return { line: 1, column: 1, endLine: 1, endColumn: 1 };
}

function valuesSpan(v: ValuesContext, fields: readonly string[]): Span {
  const present = fields.find((f) => v.document?.ranges.has(`/${f}`));
  return fieldSpan(v, present);
}

const AZURE_AD_GRAPH = 'https://graph.windows.net';
const isAzureAdGraph = (resource: string): boolean => resource.trim().replace(/\/+$/, '').toLowerCase() === AZURE_AD_GRAPH;

const siemApiDeprecated = defineRule<ProjectContext>({
  id: 'WDA308',
  name: 'siem-api-deprecated',
  family: 'cross',
  severity: 'info',
  description: 'Notes that a legacy set-up uses the SIEM API, deprecated since December 31, 2023.',
  fix: 'Run `wdatp-arcsight migrate` to write a Graph alerts_v2 set-up beside this one (the legacy files are left as they are).',
  help:
    'Microsoft deprecated the Defender for Endpoint SIEM API on December 31, 2023, and since December 31, 2024 ' +
    'reserves the right to switch it off without further notice; it names Microsoft Graph alerts_v2 as its ' +
    'successor. The set-up keeps working until then; `wdatp-arcsight migrate` writes the Graph one.',
  *check(ctx) {
    const deprecated = 'deprecated since December 31, 2023; Microsoft may switch it off without notice since December 31, 2024.';
    const clients = ctx.clients.filter(isLegacyClient);
    for (const c of clients) yield { message: `This set-up uses the WDATP SIEM API, ${deprecated}`, file: c.file, ...v1EndpointSpan(c) };
    if (clients.length) return;
    const values = ctx.values.filter((v) => v.values && apiOf(v.values) === 'siem');
    for (const v of values) {
      yield { message: `${basename(v.file)} describes a set-up for the WDATP SIEM API, ${deprecated}`, file: v.file, ...valuesSpan(v, ['api', 'resource']) };
    }
    if (values.length) return;
    for (const src of flagUrls(ctx)) {
      const url = parseUrl(src.url);
      if (url && !isLoopbackHost(url.hostname) && eventsApi(url) === 'siem') yield at(ctx, src, `it calls the WDATP SIEM API, ${deprecated}`);
    }
  },
});

const azureAdGraphRetiring = defineRule<ProjectContext>({
  id: 'WDA309',
  name: 'azure-ad-graph-retiring',
  family: 'cross',
  severity: 'info',
  description: 'Notes that the resource https://graph.windows.net (Azure AD Graph) is being retired.',
  fix: 'Run `wdatp-arcsight migrate`: Graph alerts_v2 signs in with the v2.0 endpoints and a Microsoft Graph scope, without resource=.',
  help:
    'Apps created by the Defender portal ask Azure AD v1 for a token for https://graph.windows.net, Azure AD Graph, ' +
    'which Microsoft is retiring in phases. The SIEM API accepted such tokens; when that resource goes, so does ' +
    'the sign-in. The Graph alerts_v2 set-up asks for https://graph.microsoft.com/SecurityAlert.Read.All instead.',
  *check(ctx) {
    const retiring = `${AZURE_AD_GRAPH} (Azure AD Graph), which Microsoft is retiring in phases.`;
    let reported = false;
    for (const c of ctx.clients.filter(isLegacyClient)) {
      const auth = c.get('auth_url');
      const text = auth?.value.trim() ?? '';
      const url = parseUrl(text);
      const resource = url?.searchParams.get('resource');
      const r = queryParamRange(text, 'resource');
      if (!auth || !resource || !r || !isAzureAdGraph(resource)) continue;
      const lead = auth.value.length - auth.value.trimStart().length;
      reported = true;
      yield { message: `auth_url asks for a token for ${retiring}`, file: c.file, ...auth.text.span(lead + r.start, lead + r.end) };
    }
    if (reported) return;
    for (const v of ctx.values) {
      const resource = v.values?.resource; // a SIEM API values file has one after defaults; a Graph one has none
      if (!v.values || apiOf(v.values) !== 'siem' || resource === undefined || !isAzureAdGraph(resource)) continue;
      const what = v.document?.ranges.has('/resource') ? 'resource is' : 'resource is not set, so it defaults to';
      yield { message: `${basename(v.file)}: ${what} ${retiring}`, file: v.file, ...valuesSpan(v, ['resource']) };
    }
  },
});

/** Flag Events URLs that call Graph. */
function graphUrls(ctx: ProjectContext): Array<{ src: ReturnType<typeof flagUrls>[number]; url: URL }> {
  return flagUrls(ctx).flatMap((src) => {
    const url = parseUrl(src.url);
    return url && eventsApi(url) === 'graph' ? [{ src, url }] : [];
  });
}

const graphLegacyAlerts = defineRule<ProjectContext>({
  id: 'WDA310',
  name: 'graph-legacy-alerts-endpoint',
  family: 'cross',
  severity: 'error',
  description: `The Events URL calls ${GRAPH_ALERTS_PATH}, not the retiring Graph /security/alerts (alerts v1).`,
  fix: `Use ${GRAPH_ALERTS_PATH} (with the SecurityAlert.Read.All permission).`,
  help:
    'The legacy Graph security API /security/alerts is deprecated, and Microsoft retires it on October 15, 2026: ' +
    'after that it stops returning data. Its successor, alerts_v2, has another alert shape (the v3 mapping ' +
    'profile) and another permission (SecurityAlert.Read.All instead of SecurityEvents.Read.All).',
  *check(ctx) {
    for (const { src, url } of graphUrls(ctx)) {
      if (/\/security\/alerts\/?$/i.test(url.pathname)) {
        yield at(ctx, src, `${url.pathname} is the retiring Graph alerts v1 API (no data after October 15, 2026), not alerts_v2.`);
      }
    }
  },
});

/** Names people carry over from the SIEM API, the MDE API and Graph alerts v1, with the alerts_v2 field meant. */
const RENAMED: Readonly<Record<string, string>> = {
  lastupdatetime: 'lastUpdateDateTime',
  lastmodifieddatetime: 'lastUpdateDateTime',
  lastupdatedtime: 'lastUpdateDateTime',
  alertcreationtime: 'createdDateTime',
  createdtime: 'createdDateTime',
  creationtime: 'createdDateTime',
};

const graphFilterField = defineRule<ProjectContext>({
  id: 'WDA311',
  name: 'graph-filter-unsupported-field',
  family: 'cross',
  severity: 'error',
  description: `The Events URL's $filter uses only fields alerts_v2 can filter on (${GRAPH_FILTER_FIELDS.join(', ')}).`,
  fix: 'Filter on lastUpdateDateTime (incremental polling) and, if needed, on the other supported fields; leave other conditions to ArcSight filters.',
  help:
    `Microsoft documents $filter for alerts_v2 on ${GRAPH_FILTER_FIELDS.join(', ')} only (and evidence lambdas ` +
    'such as evidence/any(e: ...)). A condition on another field is refused with 400 Bad Request, so every poll ' +
    'fails. SIEM API names such as alertCreationTime or lastUpdateTime do not exist in alerts_v2.',
  *check(ctx) {
    for (const { src, url } of graphUrls(ctx)) {
      const filter = graphFilter(url);
      if (filter === undefined) continue;
      const seen = new Set<string>();
      for (const field of filterProperties(filter)) {
        const lower = field.toLowerCase();
        if (seen.has(lower) || lower === 'evidence' || GRAPH_FILTER_FIELDS.some((f) => f.toLowerCase() === lower)) continue;
        seen.add(lower);
        const meant = RENAMED[lower] ?? closest(field, GRAPH_FILTER_FIELDS);
        const issue: Issue = at(
          ctx,
          src,
          `$filter uses ${field}, which alerts_v2 cannot filter on${meant ? ` (did you mean ${meant}?)` : ''}; Graph answers 400.`,
        );
        if (meant) issue.hint = `Write ${meant} instead of ${field}.`;
        yield issue;
      }
    }
  },
});

const eventsUrlSpaces = defineRule<ProjectContext>({
  id: 'WDA312',
  name: 'events-url-unencoded-space',
  family: 'cross',
  severity: 'error',
  description: 'The Events URL has no unencoded spaces or control characters (write a space as %20).',
  fix: 'Write every space as %20, e.g. $filter=lastUpdateDateTime%20ge%20$START_AT_TIME.',
  help:
    'An HTTP request line ends at the first space, so a URL with a raw space is either refused by the HTTP client ' +
    'or cut there, and the API then sees a different filter or a malformed request (400). Whether the ' +
    'FlexConnector encodes spaces itself is not documented; with %20 the URL does not depend on it.',
  *check(ctx) {
    for (const src of flagUrls(ctx)) {
      const found = [...src.url.matchAll(/[\s\u0000-\u001f\u007f-\u009f]/g)];
      if (found.length === 0) continue;
      const what = found.every((m) => m[0] === ' ') ? 'space' : 'space or control character';
      const columns = found
        .slice(0, 5)
        .map((m) => m.index + 1)
        .join(', ');
      const many = found.length === 1 ? '' : 's';
      yield at(ctx, src, `it has ${found.length} unencoded ${what}${many} (at character${many} ${columns}${found.length > 5 ? ', …' : ''}).`);
    }
  },
});

/** The Graph migration rules. Only listed rules run: lint/registry.ts gathers these lists, and a rule left out is an unused local. */
export const CROSS_GRAPH_RULES = [siemApiDeprecated, azureAdGraphRetiring, graphLegacyAlerts, graphFilterField, eventsUrlSpaces];

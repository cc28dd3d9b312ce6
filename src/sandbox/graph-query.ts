import { GRAPH_MAX_TOP } from '../connector/index.js';
import { parseUtcTimestamp, type UtcTicks } from '../alerts/index.js';

export type GraphTimeField = 'lastUpdateDateTime' | 'createdDateTime';
export type GraphComparison = 'ge' | 'gt' | 'le' | 'lt';

export interface GraphQuery {
  filter: Array<{ field: GraphTimeField; op: GraphComparison; ticks: UtcTicks }>;
  top: number;
  skip: number;
  orderBy: { field: GraphTimeField; direction: 'asc' | 'desc' };
  count: boolean;
}

/** A query alerts_v2 refuses; the API answers 400 with Graph's error body. */
export class GraphQueryError extends Error {}

/** Page size when `$top` is absent. Microsoft documents none; the sandbox uses the largest one known to work. */
export const GRAPH_DEFAULT_TOP = GRAPH_MAX_TOP;

const FIELDS: readonly GraphTimeField[] = ['lastUpdateDateTime', 'createdDateTime'];
/** Members alerts_v2 can filter on that the sandbox does not model: named in the error so it reads like Graph's. */
const OTHER_FILTERABLE = ['assignedTo', 'classification', 'determination', 'severity', 'serviceSource', 'status'];
const KNOWN_OPTIONS = ['$filter', '$top', '$skip', '$orderby', '$count', '$select', '$expand', '$search', '$skiptoken', '$format'];
const OP_NAMES: Record<GraphComparison, string> = { ge: 'GreaterThanOrEqual', gt: 'GreaterThan', le: 'LessThanOrEqual', lt: 'LessThan' };
/** An OData DateTimeOffset literal: unquoted, 0-7 fraction digits, Z or an offset. */
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Reads the OData options of GET /security/alerts_v2. Supported: `$filter` on lastUpdateDateTime and
 * createdDateTime with ge/gt/le/lt joined by `and`, `$top` 1-2000, `$skip`, `$count`, and `$orderby` on the two
 * times (not documented by Microsoft, honoured here as peers rely on it). Anything else is a 400, as on Graph.
 */
export function parseGraphQuery(params: URLSearchParams): GraphQuery {
  const query: GraphQuery = { filter: [], top: GRAPH_DEFAULT_TOP, skip: 0, orderBy: { field: 'createdDateTime', direction: 'desc' }, count: false };
  const seen = new Set<string>();
  for (const [name, value] of params) {
    if (!name.startsWith('$')) continue;
    const option = name.toLowerCase();
    if (!KNOWN_OPTIONS.includes(option)) throw new GraphQueryError(`The query parameter '${name}' is not supported.`);
    if (seen.has(option)) throw new GraphQueryError(`Query option '${name}' was specified more than once, but it must be specified at most once.`);
    seen.add(option);
    switch (option) {
      case '$filter':
        query.filter = parseFilter(value);
        break;
      case '$top':
        query.top = whole(value, name);
        if (query.top < 1 || query.top > GRAPH_MAX_TOP)
          throw new GraphQueryError(`Invalid page size specified: '${value}'. Must be between 1 and ${GRAPH_MAX_TOP} inclusive.`);
        break;
      case '$skip':
        query.skip = whole(value, name);
        break;
      case '$orderby':
        query.orderBy = parseOrderBy(value);
        break;
      case '$count':
        if (value !== 'true' && value !== 'false') throw new GraphQueryError(`'${value}' is not a valid count option.`);
        query.count = value === 'true';
        break;
      default:
        throw new GraphQueryError(`Query option '${name}' is not supported by the sandbox's alerts_v2.`);
    }
  }
  return query;
}

function whole(value: string, name: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new GraphQueryError(`Invalid value '${value}' for query option '${name}': must be a non-negative integer.`);
  return Number(value);
}

function parseFilter(text: string): GraphQuery['filter'] {
  const clauses = text.trim().split(/\s+and\s+/i);
  return clauses.map((clause) => {
    const parts = clause.trim().split(/\s+/);
    const [field, op, literal] = parts;
    if (parts.length !== 3 || !field || !op || !literal) throw new GraphQueryError(`Invalid filter clause: syntax error near '${clause.trim()}'.`);
    const known = FIELDS.find((f) => f === field);
    if (!known) {
      const why = OTHER_FILTERABLE.includes(field)
        ? 'the sandbox filters only on lastUpdateDateTime and createdDateTime'
        : `Could not find a property named '${field}' on type 'microsoft.graph.security.alert'`;
      throw new GraphQueryError(`Invalid filter clause: ${why}.`);
    }
    const comparison = (['ge', 'gt', 'le', 'lt'] as const).find((o) => o === op);
    if (!comparison) throw new GraphQueryError(`Invalid filter clause: the operator '${op}' is not supported on '${field}'; use ge, gt, le or lt.`);
    if (/^'.*'$/.test(literal)) {
      throw new GraphQueryError(
        `A binary operator with incompatible types was detected. Found operand types 'Edm.DateTimeOffset' and 'Edm.String' for operator kind '${OP_NAMES[comparison]}'.`,
      );
    }
    const ticks = DATETIME.test(literal) ? parseUtcTimestamp(literal.length === 17 ? literal.replace(/Z$/i, ':00Z') : literal) : undefined;
    if (ticks === undefined) throw new GraphQueryError(`Invalid filter clause: '${literal}' is not a valid DateTimeOffset literal.`);
    return { field: known, op: comparison, ticks };
  });
}

function parseOrderBy(text: string): GraphQuery['orderBy'] {
  const [field, direction = 'asc', ...rest] = text.trim().split(/\s+/);
  const known = FIELDS.find((f) => f === field);
  if (!known || rest.length > 0 || (direction !== 'asc' && direction !== 'desc')) {
    throw new GraphQueryError(`Invalid $orderby '${text}': the sandbox orders by lastUpdateDateTime or createdDateTime, asc or desc.`);
  }
  return { field: known, direction };
}

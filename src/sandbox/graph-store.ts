import { formatUtcTimestamp, parseUtcTimestamp, TICKS_PER_MS, type UtcTicks } from '../alerts/index.js';
import { makeGraphAlert, ticksWithin, updateGraphAlert, type GraphAlert } from './graph-generate.js';
import type { GraphQuery } from './graph-query.js';
import { seededRandom, type Random } from './random.js';

export interface GraphScenarioOptions {
  /** Alerts created over [start, start + spanMs] (default 25). */
  count?: number;
  seed?: number;
  tenantId: string;
  /** The sandbox clock (epoch ms): changes scheduled up to now are applied before the data is looked at. */
  now: () => number;
  /** Epoch ms of the first creation. */
  start: number;
  spanMs: number;
  /** Share of those alerts updated 1-3 times later in the span (default 0.6). */
  updatedShare?: number;
  /** After the span, one change (a new alert or an update) every this many ms of sandbox time; 0: none (default). */
  changeEveryMs?: number;
  /**
   * Eventual consistency: a change becomes visible up to this many ms after the lastUpdateDateTime it carries
   * (default 0). A change can thus appear after changes stamped later than it.
   */
  lagMs?: number;
}

/** One version of an alert as it became visible: what an exactly-once reader must deliver (or lose honestly). */
export interface GraphVersion {
  id: string;
  lastUpdateDateTime: string;
  ticks: UtcTicks;
  /** Sandbox time (epoch ms) at which this version became visible. */
  visibleAt: number;
}

interface Current {
  alert: GraphAlert;
  ticks: UtcTicks;
  created: UtcTicks;
}

interface Scheduled {
  at: number;
  /** Index of the alert to create, or of the one to update. */
  index: number;
  kind: 'create' | 'update';
}

/**
 * The sandbox's alerts_v2 data: alerts that are created and then change over time. Changes are scheduled on the
 * sandbox clock and applied when a request comes at or after their time; each is stamped up to `lagMs` before
 * it becomes visible (eventual consistency). `churn` applies changes at once, e.g. between two pages a client
 * reads, so pages shift under `$skip` as they do on a busy tenant. Deterministic for a seed and call sequence.
 */
export class GraphAlertStore {
  /** Changes applied right before each alerts_v2 answer (0: none): data moving under a client that is paging. */
  churnPerRequest = 0;
  readonly #random: Random;
  readonly #now: () => number;
  readonly #tenantId: string;
  readonly #lagMs: number;
  readonly #changeEveryMs: number;
  readonly #current = new Map<string, Current>();
  readonly #ids: string[] = [];
  readonly #history: GraphVersion[] = [];
  #schedule: Scheduled[];
  #nextTick: number;
  #created = 0;

  constructor(o: GraphScenarioOptions) {
    this.#random = seededRandom((o.seed ?? 1) ^ 0x6a7a);
    this.#tenantId = o.tenantId;
    this.#now = o.now;
    this.#lagMs = o.lagMs ?? 0;
    this.#changeEveryMs = o.changeEveryMs ?? 0;
    const count = o.count ?? 25;
    const share = o.updatedShare ?? 0.6;
    const creations = Array.from({ length: count }, () => o.start + Math.floor(this.#random.next() * o.spanMs)).sort((a, b) => a - b);
    this.#schedule = creations.map((at, index) => ({ at, index, kind: 'create' as const }));
    creations.forEach((at, index) => {
      if (!this.#random.chance(share)) return;
      for (let n = this.#random.int(1, 3); n > 0; n--) {
        this.#schedule.push({ at: at + 1 + Math.floor(this.#random.next() * Math.max(1, o.start + o.spanMs - at)), index, kind: 'update' });
      }
    });
    this.#schedule.sort((a, b) => a.at - b.at || (a.kind === 'create' ? -1 : 1));
    this.#nextTick = o.start + o.spanMs + this.#changeEveryMs;
  }

  /** Applies every change scheduled at or before `nowMs`. */
  advance(nowMs: number): void {
    while (this.#schedule.length > 0 && this.#schedule[0]!.at <= nowMs) {
      const next = this.#schedule.shift()!;
      if (next.kind === 'create') this.#create(next.at);
      else if (next.index < this.#ids.length) this.#update(this.#ids[next.index]!, next.at);
    }
    while (this.#changeEveryMs > 0 && this.#nextTick <= nowMs) {
      this.#randomChange(this.#nextTick);
      this.#nextTick += this.#changeEveryMs;
    }
  }

  /** Applies `count` random changes now: about one in three creates an alert, the rest update one. */
  churn(count: number, nowMs: number): void {
    this.advance(nowMs);
    for (let i = 0; i < count; i++) this.#randomChange(nowMs);
  }

  /** Creates an alert now (tests). */
  create(): GraphAlert {
    this.advance(this.#now());
    return this.#create(this.#now());
  }

  /** Updates an alert now (tests); its new version may carry an earlier stamp than others already visible. */
  update(id: string): GraphAlert {
    this.advance(this.#now());
    return this.#update(id, this.#now());
  }

  /** The visible version of every alert now, in lastUpdateDateTime order. */
  current(): GraphAlert[] {
    this.advance(this.#now());
    return [...this.#current.values()].sort(byStamp).map((c) => c.alert);
  }

  /** Every version that has been visible, in the order they became visible. */
  history(): GraphVersion[] {
    this.advance(this.#now());
    return [...this.#history];
  }

  /** The answer to a query at `nowMs`: the page, and the number of matching alerts (`$count`). */
  select(query: GraphQuery, nowMs: number): { page: GraphAlert[]; total: number } {
    this.advance(nowMs);
    const matching = [...this.#current.values()].filter((c) =>
      query.filter.every((clause) => {
        const value = clause.field === 'lastUpdateDateTime' ? c.ticks : c.created;
        switch (clause.op) {
          case 'ge':
            return value >= clause.ticks;
          case 'gt':
            return value > clause.ticks;
          case 'le':
            return value <= clause.ticks;
          case 'lt':
            return value < clause.ticks;
        }
      }),
    );
    const key = (c: Current): UtcTicks => (query.orderBy.field === 'lastUpdateDateTime' ? c.ticks : c.created);
    const sign = query.orderBy.direction === 'asc' ? 1 : -1;
    // Ties in a stable order (by id), as a database index gives: otherwise $skip could repeat or skip rows even
    // on data at rest.
    matching.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      return ka !== kb ? (ka < kb ? -sign : sign) : a.alert.id < b.alert.id ? -1 : a.alert.id > b.alert.id ? 1 : 0;
    });
    return { page: matching.slice(query.skip, query.skip + query.top).map((c) => c.alert), total: matching.length };
  }

  #randomChange(nowMs: number): void {
    if (this.#ids.length === 0 || this.#random.chance(1 / 3)) this.#create(nowMs);
    else this.#update(this.#random.pick(this.#ids), nowMs);
  }

  /** A stamp for a change visible at `nowMs`: up to lagMs earlier, never before the alert's previous stamp. */
  #stamp(nowMs: number, after?: UtcTicks): UtcTicks {
    const lag = this.#lagMs > 0 ? Math.floor(this.#random.next() * this.#lagMs) : 0;
    const ticks = ticksWithin(this.#random, nowMs - lag);
    return after !== undefined && ticks <= after ? after + BigInt(this.#random.int(1, 50)) * TICKS_PER_MS : ticks;
  }

  #create(nowMs: number): GraphAlert {
    const alert = makeGraphAlert(this.#random, this.#created++, this.#tenantId, this.#stamp(nowMs));
    const ticks = parseUtcTimestamp(alert.lastUpdateDateTime)!;
    this.#ids.push(alert.id);
    this.#put({ alert, ticks, created: ticks }, nowMs);
    return alert;
  }

  #update(id: string, nowMs: number): GraphAlert {
    const previous = this.#current.get(id);
    if (!previous) throw new Error(`No alert ${id}.`);
    const stamp = this.#stamp(nowMs, previous.ticks);
    const alert = updateGraphAlert(this.#random, previous.alert, stamp, this.#history.length);
    // lastUpdateDateTime only moves forward: if dropping trailing digits took the text back, keep all seven.
    if (parseUtcTimestamp(alert.lastUpdateDateTime)! <= previous.ticks) alert.lastUpdateDateTime = formatUtcTimestamp(stamp);
    this.#put({ alert, ticks: parseUtcTimestamp(alert.lastUpdateDateTime)!, created: previous.created }, nowMs);
    return alert;
  }

  #put(entry: Current, nowMs: number): void {
    this.#current.set(entry.alert.id, entry);
    this.#history.push({ id: entry.alert.id, lastUpdateDateTime: entry.alert.lastUpdateDateTime, ticks: entry.ticks, visibleAt: nowMs });
  }
}

function byStamp(a: Current, b: Current): number {
  return a.ticks < b.ticks ? -1 : a.ticks > b.ticks ? 1 : 0;
}

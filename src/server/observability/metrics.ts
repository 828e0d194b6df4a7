import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource, EntitySubscriberInterface } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import type { RequestFacts } from './request-facts';

/** Operation names become label values only up to this many distinct ones: clients choose them. */
export const MAX_OPERATION_NAMES = 100;

/**
 * The gateway's Prometheus metrics (`/metrics`, prom-client), in a registry of its own so that two
 * gateways in one process (tests) count apart. Label values are bounded: an operation name is the
 * client's choice, so past MAX_OPERATION_NAMES distinct names the rest count as "other".
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation' | 'type' | 'status'>;
  private readonly duration: Histogram<'operation' | 'type'>;
  private readonly errors: Counter<'code'>;
  private readonly votes: Counter<'outcome'>;
  private readonly cache: Counter<'result'>;
  private readonly sql: Histogram<'outcome'>;
  /** Open graphql-ws connections and the subscriptions they hold (src/server/subscriptions.ts). */
  readonly websocketConnections: Gauge;
  readonly subscriptions: Gauge;
  private readonly names = new Set<string>();

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'newsgate_' });
    this.requests = new Counter({
      name: 'newsgate_graphql_requests_total',
      help: 'GraphQL requests answered, by operation name, operation type and HTTP status.',
      labelNames: ['operation', 'type', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'newsgate_graphql_request_duration_seconds',
      help: 'Time from a GraphQL request arriving to its response being sent, by operation name and type.',
      labelNames: ['operation', 'type'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.errors = new Counter({
      name: 'newsgate_graphql_errors_total',
      help: 'Errors in GraphQL responses, by extensions.code.',
      labelNames: ['code'],
      registers,
    });
    this.votes = new Counter({
      name: 'newsgate_votes_total',
      help: 'rateArticle calls, accepted (stored) or refused (limits, bad input).',
      labelNames: ['outcome'],
      registers,
    });
    this.cache = new Counter({
      name: 'newsgate_response_cache_requests_total',
      help: 'GraphQL requests answered from the response cache (hit) or computed (miss); none when the cache is off.',
      labelNames: ['result'],
      registers,
    });
    this.sql = new Histogram({
      name: 'newsgate_sql_statement_duration_seconds',
      help: 'SQL statements sent to the database, by outcome; timed by TypeORM in whole milliseconds.',
      labelNames: ['outcome'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    });
    this.websocketConnections = new Gauge({
      name: 'newsgate_websocket_connections',
      help: 'Open graphql-ws connections on /graphql.',
      registers,
    });
    this.subscriptions = new Gauge({
      name: 'newsgate_subscriptions',
      help: 'Subscriptions running over those connections.',
      registers,
    });
  }

  /**
   * The labelled children of the two per-request series, by operation, type and status: prom-client
   * validates and hashes the labels on every call otherwise (4% of a cached response's CPU). Bounded
   * as the labels are (operation names, five types, a few statuses).
   */
  private readonly children = new Map<string, { requests: Counter.Internal; duration: Histogram.Internal<'operation' | 'type'> }>();

  /** One GraphQL request, once its response is sent. */
  observeRequest(facts: RequestFacts, status: number, seconds: number, cacheEnabled: boolean): void {
    const operation = this.operationLabel(facts.operationName);
    const type = facts.operationType ?? 'none';
    const key = `${operation}\u0000${type}\u0000${status}`;
    let child = this.children.get(key);
    if (!child) {
      child = { requests: this.requests.labels(operation, type, String(status)), duration: this.duration.labels(operation, type) };
      this.children.set(key, child);
    }
    child.requests.inc();
    child.duration.observe(seconds);
    for (const code of facts.errorCodes) this.errors.inc({ code });
    if (facts.votes.accepted > 0) this.votes.inc({ outcome: 'accepted' }, facts.votes.accepted);
    if (facts.votes.refused > 0) this.votes.inc({ outcome: 'refused' }, facts.votes.refused);
    if (cacheEnabled && facts.operationType === 'query') this.cache.inc({ result: facts.cacheHit ? 'hit' : 'miss' });
  }

  /** Times every statement a DataSource sends (TypeORM's afterQuery event). */
  observeSql(dataSource: DataSource): void {
    const sql = this.sql;
    const subscriber: EntitySubscriberInterface = {
      afterQuery(event: AfterQueryEvent<unknown>) {
        sql.observe({ outcome: event.success ? 'ok' : 'error' }, (event.executionTime ?? 0) / 1000);
      },
    };
    dataSource.subscribers.push(subscriber);
  }

  private operationLabel(name: string | null | undefined): string {
    if (name === undefined) return 'none';
    if (name === null) return 'anonymous';
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_NAMES) return 'other';
    this.names.add(name);
    return name;
  }
}

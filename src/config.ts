import os from 'node:os';

/**
 * The environment, parsed and validated once at start-up. Everything else takes an `AppConfig`
 * so tests can build one without touching `process.env`.
 */
export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The embedded default: one SQLite file. */
export interface SqliteDatabaseConfig {
  type: 'sqlite';
  /** A file path, or ':memory:' for a throwaway database. */
  database: string;
  /**
   * The SQLite driver: `sqlite3` (the default; asynchronous, statements run off the event loop) or
   * `better-sqlite3` (synchronous; an optional dependency, measured by the benchmark).
   */
  driver?: SqliteDriver;
}

/** A PostgreSQL server (15 or newer): the primary, and read replicas for queries. */
export interface PostgresDatabaseConfig {
  type: 'postgres';
  /** postgres://user:password@host:5432/database */
  url: string;
  /** Streaming replicas that take the reads (DATABASE_REPLICA_URLS); none: the primary takes them. */
  replicaUrls: readonly string[];
}

export type DatabaseConfig = SqliteDatabaseConfig | PostgresDatabaseConfig;

/** Where a database is, for a log line: a file, or a server without its password. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.type === 'sqlite') return database.database;
  const url = new URL(database.url);
  if (url.password) url.password = '***';
  return url.toString();
}

export type SqliteDriver = 'sqlite3' | 'better-sqlite3';

/** Browser origins allowed to read responses: every one, or these (src/server/cors-policy.ts). */
export type CorsOrigins = '*' | readonly string[];
const SQLITE_DRIVERS: readonly SqliteDriver[] = ['sqlite3', 'better-sqlite3'];

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  nodeEnv: NodeEnv;
  logLevel: LogLevel;
  /** Load the shipped seed article when the database has never been seeded. */
  seed: boolean;
  /** Salt for voter hashes; when unset, a random one is generated once and kept in the database. */
  voterSalt?: string;
  /**
   * How many proxies in front of the gateway append to X-Forwarded-For: the client address is
   * the entry that many hops from the right. 0 ignores the header (direct exposure).
   */
  trustProxyHops: number;
  /** Browser origins allowed to read responses (CORS): every one, or these (none by default in production). */
  corsOrigins: CorsOrigins;
  /** Bearer keys that may import articles; none means importing is off. */
  editorKeys: string[];
  /** Extra read-only connections to the database file, so reads run alongside each other and the writer. */
  readConnections: number;
  /** Introspection answers (on outside production unless NEWSGATE_INTROSPECTION says otherwise). */
  introspection: boolean;
  /**
   * Counts each GraphQL request's SQL statements into its log line (AsyncLocalStorage: about 10% of
   * an uncached front page's throughput on Node 20, so off in production unless set).
   */
  logSqlStatements: boolean;
  /** Serves the schema as an Apollo Federation 2 subgraph (`_service`, `_entities`; Article and Person keyed by id). */
  federation: boolean;
  limits: RequestLimits;
  votes: VoteLimits;
  /** How long SIGTERM waits for in-flight requests before closing their connections. */
  shutdownGraceMs: number;
  imports: ImportLimits;
  responseCache: ResponseCacheConfig;
  /**
   * How far V8 lets the heap grow past what survived the last full collection before the next,
   * in percent; 0 leaves V8's own factor (up to 4× on a machine with this much memory).
   */
  heapGrowthPercent: number;
}

/** The server-side cache of public query responses (src/server/cache/). */
export interface ResponseCacheConfig {
  enabled: boolean;
  /** Memory the cached responses may take, in bytes. */
  maxBytes: number;
}

/** How imported copy is extracted: in worker threads, each article within a time budget. */
export interface ImportLimits {
  /** Worker threads extracting articles at once (the rest wait their turn). */
  workers: number;
  /** Time one article's extraction may take; past it the worker is stopped and nothing is stored. */
  timeoutMs: number;
}

/** What one request may ask, checked before anything executes (see README, Security). */
export interface RequestLimits {
  /** Request body size for anonymous requests. */
  maxBodyBytes: number;
  /** Request body size for requests carrying a valid editor key (imports carry whole articles). */
  maxEditorBodyBytes: number;
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxTokens: number;
  /** Per-operation deadline: past it no more SQL is issued and the client gets TIMEOUT. */
  operationTimeoutMs: number;
}

/** Limits on votes per client address; 0 switches one off. */
export interface VoteLimits {
  newVotersPerHour: number;
  votesPerMinute: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

const NODE_ENVS: readonly NodeEnv[] = ['development', 'production', 'test'];
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false (got "${env[name]}")`);
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new ConfigError(name, `must be a port number from 0 to 65535 (got "${raw}")`);
  }
  return Number(raw);
}

/** `sqlite:relative/or/absolute/path.sqlite`, `sqlite::memory:`, or `postgres://user:password@host:port/database`. */
export function parseDatabaseUrl(raw: string, name = 'DATABASE_URL', replicas = ''): DatabaseConfig {
  const trimmed = raw.trim();
  if (/^postgres(ql)?:\/\//.test(trimmed)) {
    return { type: 'postgres', url: postgresUrl(trimmed, name), replicaUrls: replicaUrls(replicas) };
  }
  const match = /^sqlite:(.+)$/.exec(trimmed);
  if (!match) {
    throw new ConfigError(
      name,
      `must look like sqlite:path/to/file.sqlite, sqlite::memory: or postgres://user:password@host:5432/database (got "${raw}")`,
    );
  }
  if (replicas.trim() !== '') throw new ConfigError('DATABASE_REPLICA_URLS', 'needs a postgres:// DATABASE_URL: SQLite has no replicas');
  // Accept the URL form sqlite:///abs/path too.
  const location = match[1].startsWith('//') ? match[1].slice(2) : match[1];
  return { type: 'sqlite', database: location };
}

function postgresUrl(raw: string, name: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL (expected postgres://user:password@host:5432/database)`);
  }
  if (url.hostname === '' || url.pathname.length <= 1) {
    throw new ConfigError(name, 'must name a host and a database: postgres://user:password@host:5432/database');
  }
  return raw;
}

function replicaUrls(raw: string): string[] {
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      if (!/^postgres(ql)?:\/\//.test(entry))
        throw new ConfigError('DATABASE_REPLICA_URLS', `must be comma-separated postgres:// URLs (not "${entry}")`);
      return postgresUrl(entry, 'DATABASE_REPLICA_URLS');
    });
}

function database(env: Env): DatabaseConfig {
  const parsed = parseDatabaseUrl(env.DATABASE_URL || 'sqlite:data/newsgate.sqlite', 'DATABASE_URL', env.DATABASE_REPLICA_URLS ?? '');
  if (parsed.type === 'postgres') return parsed;
  return { ...parsed, driver: oneOf(env, 'DATABASE_DRIVER', SQLITE_DRIVERS, 'sqlite3') };
}

const MIN_EDITOR_KEY_LENGTH = 16;

/** `*`, or comma-separated origins (scheme, host and port, as a browser sends them in Origin). */
function corsOrigins(env: Env, name: string, fallback: CorsOrigins): CorsOrigins {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (raw === '*') return '*';
  const origins = raw.split(',').map((entry) => entry.trim());
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s:]+(:\d{1,5})?$/.test(origin)) {
      throw new ConfigError(name, `must be "*" or origins like https://news.example.com, comma-separated (not "${origin}")`);
    }
  }
  return origins;
}

function editorKeys(env: Env, name: string): string[] {
  const keys = (env[name] ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  for (const key of keys) {
    if (key.length < MIN_EDITOR_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
      throw new ConfigError(name, `must be comma-separated keys of at least ${MIN_EDITOR_KEY_LENGTH} printable characters without spaces`);
    }
  }
  return keys;
}

/** `false`/`0` (default), `true` (one proxy) or a number of proxy hops. */
function proxyHops(env: Env, name: string): number {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '' || ['0', 'false', 'no', 'off'].includes(raw)) return 0;
  if (['true', 'yes', 'on'].includes(raw)) return 1;
  if (/^\d+$/.test(raw) && Number(raw) <= 10) return Number(raw);
  throw new ConfigError(name, `must be false, true or a number of proxy hops from 0 to 10 (got "${env[name]}")`);
}

/** One core stays with the readers: 1 worker on 2 cores, at most 4. */
function defaultImportWorkers(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', NODE_ENVS, 'development');
  const voterSalt = env.VOTER_SALT;
  if (voterSalt !== undefined && voterSalt !== '' && voterSalt.length < 16) {
    throw new ConfigError('VOTER_SALT', 'must be at least 16 characters long');
  }
  return {
    port: port(env, 'PORT', 4000),
    host: env.HOST || '0.0.0.0',
    database: database(env),
    nodeEnv,
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    seed: boolean(env, 'NEWSGATE_SEED', true),
    voterSalt: voterSalt || undefined,
    trustProxyHops: proxyHops(env, 'TRUST_PROXY'),
    corsOrigins: corsOrigins(env, 'CORS_ORIGINS', nodeEnv === 'production' ? [] : '*'),
    editorKeys: editorKeys(env, 'NEWSGATE_EDITOR_KEYS'),
    readConnections: integer(env, 'DATABASE_READ_CONNECTIONS', 2, 0, 16),
    introspection: boolean(env, 'NEWSGATE_INTROSPECTION', nodeEnv !== 'production'),
    federation: boolean(env, 'NEWSGATE_FEDERATION', false),
    logSqlStatements: boolean(env, 'LOG_SQL_STATEMENTS', nodeEnv !== 'production'),
    limits: {
      maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 100_000, 1_000, 100_000_000),
      maxEditorBodyBytes: integer(env, 'MAX_EDITOR_BODY_BYTES', 3_000_000, 1_000, 100_000_000),
      maxDepth: integer(env, 'MAX_DEPTH', 20, 1, 1_000),
      maxCost: integer(env, 'MAX_COST', 25_000, 1, 100_000_000),
      maxAliases: integer(env, 'MAX_ALIASES', 30, 0, 100_000),
      maxRootFields: integer(env, 'MAX_ROOT_FIELDS', 20, 1, 100_000),
      maxDirectives: integer(env, 'MAX_DIRECTIVES', 50, 0, 100_000),
      maxTokens: integer(env, 'MAX_TOKENS', 5_000, 100, 10_000_000),
      operationTimeoutMs: integer(env, 'OPERATION_TIMEOUT_MS', 5_000, 1, 600_000),
    },
    votes: {
      newVotersPerHour: integer(env, 'NEW_VOTERS_PER_HOUR', 20, 0, 1_000_000),
      votesPerMinute: integer(env, 'VOTES_PER_MINUTE', 60, 0, 1_000_000),
    },
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    imports: {
      workers: integer(env, 'IMPORT_WORKERS', defaultImportWorkers(), 1, 64),
      timeoutMs: integer(env, 'IMPORT_TIMEOUT_MS', 10_000, 1, 600_000),
    },
    responseCache: {
      enabled: boolean(env, 'NEWSGATE_RESPONSE_CACHE', true),
      maxBytes: integer(env, 'RESPONSE_CACHE_MB', 64, 1, 65_536) * 1024 * 1024,
    },
    heapGrowthPercent: integer(env, 'HEAP_GROWTH_PERCENT', 50, 0, 300),
  };
}

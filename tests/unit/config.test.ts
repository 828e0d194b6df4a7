import os from 'node:os';
import { ConfigError, describeDatabase, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: '0.0.0.0',
      database: { type: 'sqlite', database: 'data/newsgate.sqlite', driver: 'sqlite3' },
      nodeEnv: 'development',
      logLevel: 'info',
      seed: true,
      voterSalt: undefined,
      trustProxyHops: 0,
      editorKeys: [],
      readConnections: 2,
      introspection: true,
      federation: false,
      logSqlStatements: true,
      limits: {
        maxBodyBytes: 100_000,
        maxEditorBodyBytes: 3_000_000,
        maxDepth: 20,
        maxCost: 25_000,
        maxAliases: 30,
        maxRootFields: 20,
        maxDirectives: 50,
        maxTokens: 5_000,
        operationTimeoutMs: 5_000,
      },
      votes: { newVotersPerHour: 20, votesPerMinute: 60 },
      shutdownGraceMs: 10_000,
      imports: { workers: expect.any(Number), timeoutMs: 10_000 },
      responseCache: { enabled: true, maxBytes: 64 * 1024 * 1024 },
      heapGrowthPercent: 50,
      corsOrigins: '*',
    });
  });

  it('extracts imports in one worker per core but one, from 1 to 4', () => {
    const cores = os.availableParallelism();
    expect(loadConfig({}).imports.workers).toBe(Math.max(1, Math.min(4, cores - 1)));
  });

  it('turns introspection off in production unless NEWSGATE_INTROSPECTION says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', NEWSGATE_INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', NEWSGATE_INTROSPECTION: 'off' }).introspection).toBe(false);
  });

  it('counts SQL statements in the request log outside production unless LOG_SQL_STATEMENTS says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).logSqlStatements).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', LOG_SQL_STATEMENTS: 'true' }).logSqlStatements).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', LOG_SQL_STATEMENTS: 'false' }).logSqlStatements).toBe(false);
  });

  it.each([
    [undefined, 0],
    ['', 0],
    ['false', 0],
    ['0', 0],
    ['no', 0],
    ['true', 1],
    ['TRUE', 1],
    ['yes', 1],
    ['1', 1],
    ['2', 2],
    ['10', 10],
  ])('reads TRUST_PROXY=%p as %p proxy hops', (value, hops) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxyHops).toBe(hops);
  });

  it('switches each vote limit off with 0', () => {
    expect(loadConfig({ NEW_VOTERS_PER_HOUR: '0' }).votes).toEqual({ newVotersPerHour: 0, votesPerMinute: 60 });
    expect(loadConfig({ VOTES_PER_MINUTE: '0' }).votes).toEqual({ newVotersPerHour: 20, votesPerMinute: 0 });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'sqlite::memory:',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      NEWSGATE_SEED: 'false',
      VOTER_SALT: 'a-long-enough-salt',
      TRUST_PROXY: 'true',
      NEWSGATE_EDITOR_KEYS: ' first-editor-key-123456 ,second-editor-key-654321',
      DATABASE_READ_CONNECTIONS: '4',
      NEWSGATE_INTROSPECTION: 'true',
      MAX_BODY_BYTES: '50000',
      MAX_EDITOR_BODY_BYTES: '2000000',
      MAX_DEPTH: '10',
      MAX_COST: '5000',
      MAX_ALIASES: '5',
      MAX_ROOT_FIELDS: '4',
      MAX_DIRECTIVES: '3',
      MAX_TOKENS: '1000',
      OPERATION_TIMEOUT_MS: '2500',
      NEW_VOTERS_PER_HOUR: '5',
      VOTES_PER_MINUTE: '30',
      SHUTDOWN_GRACE_MS: '3000',
      IMPORT_WORKERS: '3',
      IMPORT_TIMEOUT_MS: '2000',
      NEWSGATE_RESPONSE_CACHE: 'false',
      DATABASE_DRIVER: 'better-sqlite3',
      RESPONSE_CACHE_MB: '16',
      HEAP_GROWTH_PERCENT: '0',
      CORS_ORIGINS: 'https://news.example.com, http://localhost:5173',
      NEWSGATE_FEDERATION: 'true',
      LOG_SQL_STATEMENTS: 'true',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      database: { type: 'sqlite', database: ':memory:', driver: 'better-sqlite3' },
      nodeEnv: 'production',
      logLevel: 'warn',
      seed: false,
      voterSalt: 'a-long-enough-salt',
      trustProxyHops: 1,
      editorKeys: ['first-editor-key-123456', 'second-editor-key-654321'],
      readConnections: 4,
      introspection: true,
      federation: true,
      logSqlStatements: true,
      limits: {
        maxBodyBytes: 50_000,
        maxEditorBodyBytes: 2_000_000,
        maxDepth: 10,
        maxCost: 5_000,
        maxAliases: 5,
        maxRootFields: 4,
        maxDirectives: 3,
        maxTokens: 1_000,
        operationTimeoutMs: 2_500,
      },
      votes: { newVotersPerHour: 5, votesPerMinute: 30 },
      shutdownGraceMs: 3_000,
      imports: { workers: 3, timeoutMs: 2_000 },
      responseCache: { enabled: false, maxBytes: 16 * 1024 * 1024 },
      heapGrowthPercent: 0,
      corsOrigins: ['https://news.example.com', 'http://localhost:5173'],
    });
  });

  it('accepts sqlite:///absolute/path', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:///var/lib/newsgate.sqlite' }).database).toEqual({
      type: 'sqlite',
      database: '/var/lib/newsgate.sqlite',
      driver: 'sqlite3',
    });
  });

  it('lets no other origin read responses in production unless CORS_ORIGINS names it', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).corsOrigins).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'production', CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
  });

  it('reads a PostgreSQL primary and its replicas, and shows the URL without its password', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://newsgate:s3cret@db.internal:5432/news',
      DATABASE_REPLICA_URLS: 'postgres://newsgate:s3cret@replica-1:5432/news, postgresql://newsgate:s3cret@replica-2/news',
    });
    expect(config.database).toEqual({
      type: 'postgres',
      url: 'postgres://newsgate:s3cret@db.internal:5432/news',
      replicaUrls: ['postgres://newsgate:s3cret@replica-1:5432/news', 'postgresql://newsgate:s3cret@replica-2/news'],
    });
    expect(describeDatabase(config.database)).toBe('postgres://newsgate:***@db.internal:5432/news');
    expect(() => loadConfig({ DATABASE_URL: 'sqlite::memory:', DATABASE_REPLICA_URLS: 'postgres://replica/news' })).toThrow(
      /DATABASE_REPLICA_URLS.*SQLite has no replicas/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/news', DATABASE_REPLICA_URLS: 'replica:5432' })).toThrow(
      /DATABASE_REPLICA_URLS/,
    );
  });

  it('is silent in tests unless told otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/news'],
    ['DATABASE_URL', 'postgres://localhost'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'loud'],
    ['NEWSGATE_SEED', 'maybe'],
    ['VOTER_SALT', 'short'],
    ['TRUST_PROXY', 'maybe'],
    ['TRUST_PROXY', '11'],
    ['TRUST_PROXY', '-1'],
    ['TRUST_PROXY', '1.5'],
    ['NEWSGATE_INTROSPECTION', 'sometimes'],
    ['NEW_VOTERS_PER_HOUR', '-1'],
    ['NEW_VOTERS_PER_HOUR', 'twenty'],
    ['VOTES_PER_MINUTE', '1.5'],
    ['VOTES_PER_MINUTE', '2000000'],
    ['MAX_DEPTH', '0'],
    ['MAX_BODY_BYTES', '10'],
    ['OPERATION_TIMEOUT_MS', 'soon'],
    ['SHUTDOWN_GRACE_MS', '-5'],
    ['IMPORT_WORKERS', '0'],
    ['IMPORT_WORKERS', 'all'],
    ['IMPORT_TIMEOUT_MS', '0'],
    ['IMPORT_TIMEOUT_MS', '10s'],
    ['RESPONSE_CACHE_MB', '0'],
    ['HEAP_GROWTH_PERCENT', '-1'],
    ['CORS_ORIGINS', 'news.example.com'],
    ['CORS_ORIGINS', 'https://news.example.com/path'],
    ['HEAP_GROWTH_PERCENT', 'half'],
    ['DATABASE_DRIVER', 'postgres'],
    ['NEWSGATE_RESPONSE_CACHE', 'maybe'],
    ['NEWSGATE_EDITOR_KEYS', 'short'],
    ['DATABASE_READ_CONNECTIONS', '17'],
    ['DATABASE_READ_CONNECTIONS', 'many'],
    ['NEWSGATE_EDITOR_KEYS', 'a key with spaces in it'],
  ])('stops on an invalid %s (%p) with a message naming it', (variable, value) => {
    let thrown: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as ConfigError).message).toContain(variable);
  });
});

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, type TypedQueryDocumentNode } from 'graphql';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { type AppConfig, loadConfig } from '../../src/config';
import { type OperationVariables, type RunningGateway, startGateway } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';

/** The editor key every test gateway accepts. */
export const EDITOR_KEY = 'test-editor-key-0123456789';

export interface GraphQLResponse<T = any> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
  extensions?: Record<string, unknown>;
}

/** No variables: a document that declares none takes `{}` or nothing. */
export type NoVariables = Record<string, never>;

/**
 * A GraphQL document typed with the data it answers and the variables it takes, both declared
 * next to it in the test. Parsed once, when the suite loads, so a syntax error fails it at once.
 */
export function operation<TData, TVariables extends OperationVariables = NoVariables>(
  source: string,
): TypedQueryDocumentNode<TData, TVariables> {
  return parse(source) as TypedQueryDocumentNode<TData, TVariables>;
}

export interface TestGateway {
  gateway: RunningGateway;
  url: string;
  /** The database this gateway runs on (a SQLite file in `dir`, or a PostgreSQL database of its own). */
  database: AppConfig['database'];
  /** The folder holding this gateway's SQLite file; removed on close. */
  dir: string;
  databaseFile: string;
  /** POSTs a GraphQL operation and returns the parsed JSON body. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on GraphQL errors and returns `data`. */
  data<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
  /**
   * Runs an operation in process through Apollo's executeOperation (RunningGateway.execute), with
   * the context an HTTP request with these headers from 127.0.0.1 gets, and returns the result as a
   * client reads it (through JSON). For resolver-level tests; transport and process tests use gql.
   */
  execute<TData = unknown, TVariables extends OperationVariables = OperationVariables>(
    document: TypedQueryDocumentNode<TData, TVariables> | string,
    variables?: TVariables,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData>>;
  /** Like execute, but fails the test on GraphQL errors and returns `data`. */
  executeData<TData = unknown, TVariables extends OperationVariables = OperationVariables>(
    document: TypedQueryDocumentNode<TData, TVariables> | string,
    variables?: TVariables,
    headers?: Record<string, string>,
  ): Promise<TData>;
  close(): Promise<void>;
}

/**
 * The real server on an ephemeral loopback port, against a new SQLite file in a temp folder (or,
 * in the PostgreSQL project, a new database; with `replica`, read through the cluster's replica).
 */
export async function startTestGateway(
  overrides: Partial<AppConfig> = {},
  log?: Logger,
  { replica = false }: { replica?: boolean } = {},
): Promise<TestGateway> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-test-'));
  const databaseFile = path.join(dir, 'newsgate.sqlite');
  // The PostgreSQL project (jest.config.js) runs the same suites on a database of their own on its cluster.
  // A test may instead name a database (a second gateway on the first one's).
  const postgres =
    process.env.NEWSGATE_TEST_POSTGRES_URL && !overrides.database
      ? await createPostgresDatabase(process.env.NEWSGATE_TEST_POSTGRES_URL)
      : null;
  const config: AppConfig = {
    // The documented defaults (NODE_ENV=test), then what every test gateway needs.
    ...loadConfig({ NODE_ENV: 'test' }),
    port: 0,
    host: '127.0.0.1',
    database: postgres
      ? await withReplicaIf(replica, { type: 'postgres', url: postgres.url, replicaUrls: [] })
      : { type: 'sqlite', database: databaseFile },
    nodeEnv: 'test',
    logLevel: 'silent',
    seed: true,
    voterSalt: 'test-salt-0123456789abcdef',
    editorKeys: [EDITOR_KEY],
    readConnections: 2,
    // Most suites vote from one address with many voter ids; the vote-limit tests switch limits on.
    votes: { newVotersPerHour: 0, votesPerMinute: 0 },
    ...overrides,
  };
  const gateway = await startGateway(config, log ?? createLogger(config.logLevel));
  const gql = async <T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
  const execute = async <TData, TVariables extends OperationVariables>(
    document: TypedQueryDocumentNode<TData, TVariables> | string,
    variables?: TVariables,
    headers: Record<string, string> = {},
  ) => {
    const { body } = await gateway.execute(document, variables, { headers });
    if (body.kind !== 'single') throw new Error('expected a single result, not an incremental one');
    // What a client reads: JSON, without undefined members or null-prototype objects.
    return JSON.parse(JSON.stringify(body.singleResult)) as GraphQLResponse<TData>;
  };
  return {
    gateway,
    url: gateway.url,
    database: config.database,
    dir,
    databaseFile,
    gql,
    async data<T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
      const result = await gql<T>(query, variables, headers);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    execute,
    async executeData<TData, TVariables extends OperationVariables>(
      document: TypedQueryDocumentNode<TData, TVariables> | string,
      variables?: TVariables,
      headers?: Record<string, string>,
    ) {
      const result = await execute(document, variables, headers);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as TData;
    },
    async close() {
      await gateway.close();
      await postgres?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Which engine the suites run on: the PostgreSQL project sets NEWSGATE_TEST_POSTGRES_URL. */
export const TEST_ENGINE: 'sqlite' | 'postgres' = process.env.NEWSGATE_TEST_POSTGRES_URL ? 'postgres' : 'sqlite';
/** Tests of what only one engine has (SQLite's pragmas and FTS5 tables; several gateways on one PostgreSQL database), skipped on the other. */
export const itOnSqlite = TEST_ENGINE === 'sqlite' ? it : it.skip;
export const describeOnSqlite = TEST_ENGINE === 'sqlite' ? describe : describe.skip;
export const describeOnPostgres = TEST_ENGINE === 'postgres' ? describe : describe.skip;

/**
 * A new database on the suite's engine, for a server process or the CLI to open by its URL: a file
 * (not yet created) in `dir`, or an empty PostgreSQL database in that project; `drop()` removes the latter.
 */
export async function newTestDatabase(
  dir: string,
): Promise<{ url: string; database: AppConfig['database']; file: string; drop(): Promise<void> }> {
  const file = path.join(dir, 'db', 'newsgate.sqlite');
  if (!process.env.NEWSGATE_TEST_POSTGRES_URL)
    return { url: `sqlite:${file}`, database: { type: 'sqlite', database: file }, file, drop: async () => undefined };
  const created = await createPostgresDatabase(process.env.NEWSGATE_TEST_POSTGRES_URL);
  return { url: created.url, database: { type: 'postgres', url: created.url, replicaUrls: [] }, file, drop: created.drop };
}

/** A new, empty database on the test cluster, dropped by `drop()`. */
export async function createPostgresDatabase(clusterUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `newsgate_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: clusterUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: clusterUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * The same PostgreSQL database with the test cluster's streaming replica as its read replica,
 * once the replica has replayed its creation, so a gateway can connect to it there.
 */
async function withReplicaIf(wanted: boolean, database: AppConfig['database']): Promise<AppConfig['database']> {
  const replicaCluster = process.env.NEWSGATE_TEST_POSTGRES_REPLICA_URL;
  if (!wanted) return database;
  if (database.type !== 'postgres' || !replicaCluster) throw new Error('no test replica (the PostgreSQL project starts one)');
  const replica = new URL(replicaCluster);
  replica.pathname = new URL(database.url).pathname;
  await replicaCaughtUp(database.url, replica.toString());
  return { ...database, replicaUrls: [replica.toString()] };
}

/** Waits until the replica has replayed the primary's log as it ends now. */
export async function replicaCaughtUp(primaryUrl: string, replicaUrl: string): Promise<void> {
  const replicaRoot = new URL(replicaUrl);
  replicaRoot.pathname = '/postgres';
  const primary = new Client({ connectionString: primaryUrl });
  const replica = new Client({ connectionString: replicaRoot.toString() });
  await Promise.all([primary.connect(), replica.connect()]);
  try {
    const [{ lsn }] = (await primary.query('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows;
    for (let wait = 0; wait < 1000; wait += 1) {
      const { rows } = await replica.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [lsn]);
      if (rows[0].done) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the replica did not catch up within 10 s');
  } finally {
    await Promise.all([primary.end(), replica.end()]);
  }
}

/** The `extensions.code` of the first error, for asserting error responses. */
export function errorCode(result: GraphQLResponse): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

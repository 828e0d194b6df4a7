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
 * The real server on an ephemeral loopback port, against a new SQLite file in a temp folder.
 */
export async function startTestGateway(overrides: Partial<AppConfig> = {}, log?: Logger): Promise<TestGateway> {
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
    database: postgres ? { type: 'postgres', url: postgres.url, replicaUrls: [] } : { type: 'sqlite', database: databaseFile },
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

/** A new, empty database on the test cluster, dropped by `drop()`. */
async function createPostgresDatabase(clusterUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
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

/** The `extensions.code` of the first error, for asserting error responses. */
export function errorCode(result: GraphQLResponse): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

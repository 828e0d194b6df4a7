import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type AppConfig, loadConfig } from '../../src/config';
import { type RunningGateway, startGateway } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';

/** The editor key every test gateway accepts. */
export const EDITOR_KEY = 'test-editor-key-0123456789';

export interface GraphQLResponse<T = any> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface TestGateway {
  gateway: RunningGateway;
  url: string;
  /** The folder holding this gateway's SQLite file; removed on close. */
  dir: string;
  databaseFile: string;
  /** POSTs a GraphQL operation and returns the parsed JSON body. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on GraphQL errors and returns `data`. */
  data<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The real server on an ephemeral loopback port, against a new SQLite file in a temp folder.
 */
export async function startTestGateway(overrides: Partial<AppConfig> = {}): Promise<TestGateway> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-test-'));
  const databaseFile = path.join(dir, 'newsgate.sqlite');
  const config: AppConfig = {
    // The documented defaults (NODE_ENV=test), then what every test gateway needs.
    ...loadConfig({ NODE_ENV: 'test' }),
    port: 0,
    host: '127.0.0.1',
    database: { type: 'sqlite', database: databaseFile },
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
  const gateway = await startGateway(config, createLogger(config.logLevel));
  const gql = async <T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
  return {
    gateway,
    url: gateway.url,
    dir,
    databaseFile,
    gql,
    async data<T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
      const result = await gql<T>(query, variables, headers);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    async close() {
      await gateway.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The `extensions.code` of the first error, for asserting error responses. */
export function errorCode(result: GraphQLResponse): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

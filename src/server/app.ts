import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { openDatabase, openReaders } from '../db/data-source';
import { InstanceSetting } from '../db/instance-setting.entity';
import { voterSalt } from '../db/instance-settings.service';
import { QueryCounter } from '../db/query-counter';
import { seedIfNeeded } from '../db/seed/seed.service';
import { WriteQueue } from '../db/write-queue';
import { buildGatewaySchema } from '../schema/build-schema';
import { createContext, GatewayContext } from './context';
import { createEditorCheck } from './editor-auth';
import { createFormatError } from './format-error';
import { createLogger } from './logger';
import { createServices } from './services';

export const GRAPHQL_PATH = '/graphql';
// Room for a 1 MB article text in a mutation, plus JSON escaping.
const MAX_BODY = '3mb';

export interface RunningGateway {
  /** e.g. http://127.0.0.1:4000/graphql */
  url: string;
  port: number;
  dataSource: DataSource;
  queryCounter: QueryCounter;
  log: Logger;
  close(): Promise<void>;
}

/**
 * Opens the database (migrating it, and loading the seed article into a new one), then serves
 * GraphQL over HTTP. `config.port` 0 picks a free port (tests).
 */
export async function startGateway(config: AppConfig, log: Logger = createLogger(config.logLevel)): Promise<RunningGateway> {
  const queryCounter = new QueryCounter(log.child({ component: 'sql' }));
  const dataSource = await openDatabase(config.database, queryCounter);
  let readers: DataSource[] = [];
  try {
    const writes = new WriteQueue(dataSource);
    if (config.seed && (await seedIfNeeded(dataSource, writes))) log.info('loaded the seed article into the new database');
    const salt = config.voterSalt ?? (await voterSalt(dataSource.getRepository(InstanceSetting)));
    // Requests take turns over the reader connections; every write goes through the one writer.
    readers = await openReaders(config.database, config.readConnections, queryCounter);
    const servicePool = (readers.length > 0 ? readers : [dataSource]).map((reader) => createServices(reader, writes));
    let turn = 0;
    const nextServices = () => servicePool[turn++ % servicePool.length];
    const checkEditor = createEditorCheck(config.editorKeys);

    const app = express();
    const httpServer = http.createServer(app);
    const apollo = new ApolloServer<GatewayContext>({
      schema: buildGatewaySchema(),
      formatError: createFormatError(log),
      // From the parsed configuration rather than Apollo's own reading of process.env.
      introspection: config.nodeEnv !== 'production',
      includeStacktraceInErrorResponses: config.nodeEnv === 'development',
      // src/index.ts owns shutdown: it also closes the database, then exits 0.
      stopOnTerminationSignals: false,
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer }),
        // No cache hints are set; the plugin would otherwise wrap every field resolver.
        ApolloServerPluginCacheControlDisabled(),
        config.nodeEnv === 'production'
          ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
          : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
      ],
    });
    await apollo.start();

    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.get('/', (_req, res) => res.redirect(GRAPHQL_PATH));
    app.use(
      GRAPHQL_PATH,
      cors<cors.CorsRequest>(),
      express.json({ limit: MAX_BODY }),
      expressMiddleware(apollo, {
        context: async ({ req }) => createContext(req, { services: nextServices(), voterSalt: salt, trustProxy: config.trustProxy, checkEditor }),
      }),
    );

    // Bodies express.json refuses get a GraphQL-shaped JSON error, not an HTML page.
    app.use((error: { type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (error?.type === 'entity.too.large') {
        res.status(413).json({ errors: [{ message: `The request body is larger than ${MAX_BODY}.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
      } else if (error?.type === 'entity.parse.failed') {
        res.status(400).json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
      } else {
        next(error);
      }
    });

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
    const { port } = httpServer.address() as AddressInfo;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `http://${shownHost}:${port}${GRAPHQL_PATH}`;

    let closed: Promise<void> | undefined;
    return {
      url,
      port,
      dataSource,
      queryCounter,
      log,
      close() {
        closed ??= (async () => {
          await apollo.stop();
          await Promise.all(readers.map((reader) => reader.destroy()));
          await dataSource.destroy();
        })();
        return closed;
      },
    };
  } catch (error) {
    await Promise.all([...readers, dataSource].filter((source) => source.isInitialized).map((source) => source.destroy()));
    throw error;
  }
}

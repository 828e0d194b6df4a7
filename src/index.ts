import './utc-process';
import 'reflect-metadata';
import { ConfigError, describeDatabase, loadConfig } from './config';
import { startGateway } from './server/app';
import { limitHeapGrowth } from './server/heap-growth';
import { createLogger } from './server/logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  limitHeapGrowth(config.heapGrowthPercent);
  // Readable lines when a developer watches a terminal; JSON everywhere else (log collectors).
  const log = createLogger(config.logLevel, { pretty: config.nodeEnv === 'development' && process.stdout.isTTY === true });
  const gateway = await startGateway(config, log);
  log.info({ url: gateway.url, database: describeDatabase(config.database) }, `newsgate ready at ${gateway.url}`);

  const shutdown = (signal: string) => {
    log.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    // The drain plugin stops accepting, waits up to the grace period for in-flight requests and
    // then closes their connections; should anything still hang after that, exit anyway.
    setTimeout(() => {
      log.error('shutdown did not finish within the grace period; exiting');
      process.exit(1);
    }, config.shutdownGraceMs + 5_000).unref();
    gateway.close().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error('newsgate failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

import pino, { type Logger, type LoggerOptions } from 'pino';
import type { LogLevel } from '../config';

/**
 * pino's options: JSON on stdout, one line an event; `pretty` (development on a terminal) renders
 * the lines for a reader with pino-pretty, in a worker thread as pino's transports run.
 */
export function loggerOptions(level: LogLevel, pretty: boolean): LoggerOptions {
  return {
    level,
    base: { service: 'newsgate' },
    ...(pretty && {
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } },
    }),
  };
}

export function createLogger(level: LogLevel, { pretty = false }: { pretty?: boolean } = {}): Logger {
  return pino(loggerOptions(level, pretty));
}

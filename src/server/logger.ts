import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config';

/** JSON logs on stdout, one line an event. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'newsgate' } });
}

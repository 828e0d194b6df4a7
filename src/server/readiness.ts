import type { DataSource } from 'typeorm';
import { withTimeout } from '../shared/with-timeout';

/** How long /readyz waits for the database before it answers 503. */
export const READINESS_TIMEOUT_MS = 3_000;

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * Whether this instance should get traffic (`/readyz`; `/healthz` only says the process is up):
 * every connection answers a query and the database has every migration this build knows. A
 * balancer takes an instance out while its database is unreachable or not yet migrated, and
 * while it shuts down.
 */
export async function checkReadiness(
  writer: DataSource,
  readers: readonly DataSource[],
  shuttingDown = false,
  timeoutMs = READINESS_TIMEOUT_MS,
): Promise<Readiness> {
  if (shuttingDown) return { ready: false, reason: 'shutting down' };
  // A database that does not answer at all must not hold the balancer's probe open (answers() itself never throws).
  return withTimeout(answers(writer, readers), timeoutMs).catch((): Readiness => ({
    ready: false,
    reason: `database did not answer within ${timeoutMs} ms`,
  }));
}

async function answers(writer: DataSource, readers: readonly DataSource[]): Promise<Readiness> {
  try {
    // Every connection at once: the probe takes the slowest one's time, not their sum.
    await Promise.all([writer, ...readers].map((connection) => connection.query('SELECT 1')));
  } catch {
    return { ready: false, reason: 'database unavailable' };
  }
  try {
    if (await writer.showMigrations()) return { ready: false, reason: 'migrations pending' };
  } catch {
    return { ready: false, reason: 'database unavailable' };
  }
  return { ready: true };
}

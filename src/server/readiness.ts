import type { DataSource } from 'typeorm';

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * Whether this instance should get traffic (`/readyz`; `/healthz` only says the process is up):
 * every connection answers a query and the database has every migration this build knows. A
 * balancer takes an instance out while its database is unreachable or not yet migrated, and
 * while it shuts down.
 */
export async function checkReadiness(writer: DataSource, readers: readonly DataSource[], shuttingDown = false): Promise<Readiness> {
  if (shuttingDown) return { ready: false, reason: 'shutting down' };
  try {
    for (const connection of [writer, ...readers]) await connection.query('SELECT 1');
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

import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Logger } from 'pino';

/** The channel every gateway on one PostgreSQL database listens and notifies on. */
export const NOTIFICATION_CHANNEL = 'newsgate_events';

/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7_900;

/** What one gateway tells the others: a JSON object with a `kind`. */
export type Notice = { kind: string } & Record<string, unknown>;

/**
 * Gateways on one PostgreSQL database telling each other what happened (a vote's new tally, the
 * response-cache tags a write changed) through LISTEN/NOTIFY, on one connection of their own.
 *
 * POSTGRES-ONLY (a SQLite file is one gateway's). A notice too large for NOTIFY is sent as
 * `{ kind: 'overflow' }`, which receivers take as "anything may have changed". `sync()` makes a
 * round trip on the listening connection: PostgreSQL sends a connection its notifications before
 * the answer to a later query, so once it returns, every notice committed before the call has
 * been handled (what a cache hit waits for).
 */
export class PostgresNotifications {
  /** This gateway's own notices come back to it too; they carry this id and are skipped. */
  private readonly origin = randomUUID();
  /** One query at a time on the connection (pg deprecates queueing them itself). */
  private turn: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly client: Client,
    private readonly log: Logger,
  ) {}

  static async open(url: string, onNotice: (notice: Notice) => void, log: Logger): Promise<PostgresNotifications> {
    const client = new Client({ connectionString: url });
    await client.connect();
    const notifications = new PostgresNotifications(client, log);
    client.on('notification', (message) => {
      if (message.channel !== NOTIFICATION_CHANNEL || !message.payload) return;
      try {
        const { origin, ...notice } = JSON.parse(message.payload) as Notice & { origin?: string };
        if (origin !== notifications.origin) onNotice(notice);
      } catch (error) {
        log.warn({ err: error }, 'unreadable notification');
      }
    });
    client.on('error', (error) => log.error({ err: error }, 'notification connection failed'));
    await client.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
    return notifications;
  }

  /** Tells the other gateways; a failure is logged, not thrown (the write it follows has committed). */
  announce(notice: Notice): void {
    let payload = JSON.stringify({ ...notice, origin: this.origin });
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) payload = JSON.stringify({ kind: 'overflow', origin: this.origin });
    this.run('SELECT pg_notify($1, $2)', [NOTIFICATION_CHANNEL, payload]).catch((error: unknown) => {
      this.log.error({ err: error }, 'could not notify the other gateways');
    });
  }

  /** Resolves once every notice committed before the call has been handled. */
  async sync(): Promise<void> {
    await this.run('SELECT 1');
  }

  private run(sql: string, parameters: unknown[] = []): Promise<unknown> {
    const result = this.turn.then(() => this.client.query(sql, parameters));
    this.turn = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

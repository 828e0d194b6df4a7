import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

/** The channel every gateway on one PostgreSQL database listens and notifies on. */
export const NOTIFICATION_CHANNEL = 'newsgate_events';

/**
 * PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more; the notice's JSON may be this long
 * before the position in the log (at most 17 characters, `FFFFFFFF/FFFFFFFF`) is written into it.
 */
const MAX_PAYLOAD_BYTES = 7_900;
/** A query on the listening connection that takes longer has lost it (a half-open TCP connection never answers). */
const QUERY_TIMEOUT_MS = 5_000;
/** Waits between attempts to get the connection back, doubling up to the last. */
const RECONNECT_DELAYS_MS = [250, 500, 1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Sends the JSON in `$2` with its empty `"position":""` filled in with where the log ends now (read
 * after the write the notice follows: every commit before it is at or before that position), and
 * returns that position. JSON.stringify writes no spaces, and a quote inside a string is escaped,
 * so the one match is the member itself.
 */
const NOTIFY_WITH_POSITION = `SELECT position::text AS lsn,
    pg_notify($1, replace($2, '"position":""', '"position":"' || position::text || '"'))
  FROM (SELECT pg_current_wal_insert_lsn() AS position) AS current`;

/** What one gateway tells the others: a JSON object with a `kind` (and, as received, the `position` it was sent at). */
export type Notice = { kind: string } & Record<string, unknown>;

export interface NoticeHandlers {
  onNotice(notice: Notice): void;
  /** The connection was lost, or is back: notices may have been missed meanwhile (drop what was cached). */
  onGap(): void;
}

/**
 * Gateways on one PostgreSQL database telling each other what happened (a vote's new tally, the
 * response-cache tags a write changed) through LISTEN/NOTIFY, on one connection of their own.
 *
 * POSTGRES-ONLY (a SQLite file is one gateway's). A notice too large for NOTIFY is sent as
 * `{ kind: 'overflow' }`, which receivers take as "anything may have changed". `sync()` makes a
 * round trip on the listening connection: PostgreSQL sends a connection its notifications before
 * the answer to a later query, so once it returns, every notice committed before the call has
 * been handled (what a cache hit waits for). While the connection is lost `sync()` fails at once
 * (callers then trust nothing cached) and it is opened again in the background.
 */
export class PostgresNotifications {
  /** This gateway's own notices come back to it too; they carry this id and are skipped. */
  private readonly origin = randomUUID();
  /** One query at a time on the connection (pg deprecates queueing them itself). */
  private turn: Promise<unknown> = Promise.resolve();
  private client: Client | null = null;
  private closed = false;
  private reconnecting: NodeJS.Timeout | undefined;

  private constructor(
    private readonly url: string,
    private readonly handlers: NoticeHandlers,
    private readonly log: Logger,
  ) {}

  static async open(url: string, handlers: NoticeHandlers, log: Logger): Promise<PostgresNotifications> {
    const notifications = new PostgresNotifications(url, handlers, log);
    notifications.client = await notifications.connect();
    return notifications;
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      connectionString: this.url,
      keepAlive: true,
      query_timeout: QUERY_TIMEOUT_MS,
      application_name: 'newsgate-notifications',
    });
    try {
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel !== NOTIFICATION_CHANNEL || !message.payload) return;
        try {
          const { origin, ...notice } = JSON.parse(message.payload) as Notice & { origin?: string };
          if (origin !== this.origin) this.handlers.onNotice(notice);
        } catch (error) {
          this.log.warn({ err: error }, 'unreadable notification');
        }
      });
      client.on('error', (error) => this.lost(client, error));
      client.on('end', () => this.lost(client, new Error('connection ended')));
      await client.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  private lost(client: Client, error: unknown): void {
    if (this.client !== client || this.closed) return;
    this.log.error({ err: error }, 'lost the notification connection: the response cache is bypassed until it is back');
    this.client = null;
    void client.end().catch(() => undefined);
    this.handlers.onGap();
    this.reconnect(0);
  }

  private reconnect(attempt: number): void {
    const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)];
    this.reconnecting = setTimeout(() => {
      this.connect().then(
        (client) => {
          if (this.closed) return void client.end().catch(() => undefined);
          this.client = client;
          // Whatever was cached while notices could not arrive goes.
          this.handlers.onGap();
          this.log.info('notification connection back');
        },
        () => this.reconnect(attempt + 1),
      );
    }, delay);
    this.reconnecting.unref();
  }

  /**
   * Tells the other gateways; settles once the notice is committed (a NOTIFY outside a transaction
   * commits with its statement), so a read on another gateway that starts after it sees it. The
   * notice carries, as `position`, where the primary's log ended when it was sent (so after the
   * write it follows), which it also returns. A failure is logged, not thrown (null): the write it
   * follows has committed.
   */
  announce(notice: Notice): Promise<string | null> {
    let payload = JSON.stringify({ ...notice, position: '', origin: this.origin });
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) payload = JSON.stringify({ kind: 'overflow', position: '', origin: this.origin });
    return this.run(NOTIFY_WITH_POSITION, [NOTIFICATION_CHANNEL, payload]).then(
      (result) => (result as { rows: { lsn: string }[] }).rows[0].lsn,
      (error: unknown) => {
        this.log.error({ err: error }, 'could not notify the other gateways');
        return null;
      },
    );
  }

  /** Resolves once every notice committed before the call has been handled; rejects while the connection is lost. */
  async sync(): Promise<void> {
    await this.run('SELECT 1');
  }

  private run(sql: string, parameters: unknown[] = []): Promise<unknown> {
    const result = this.turn.then(() => {
      if (!this.client) throw new Error('the notification connection is lost');
      return this.client.query(sql, parameters);
    });
    this.turn = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnecting);
    const client = this.client;
    this.client = null;
    await client?.end();
  }
}

/**
 * Tells every gateway (this one included) that these clients just wrote, with the position in the
 * log that their writes are at or before; returns that position. Sent through `primary` (any
 * connection can notify), from the same statement that reads the position.
 */
export async function announceWriters(primary: DataSource, writers: string[]): Promise<string> {
  const [row] = (await primary.query(NOTIFY_WITH_POSITION, [
    NOTIFICATION_CHANNEL,
    JSON.stringify({ kind: 'writers', writers, position: '' }),
  ])) as {
    lsn: string;
  }[];
  return row.lsn;
}

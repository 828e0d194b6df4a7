import type { DataSource } from 'typeorm';
import { withTimeout } from '../shared/with-timeout';

/**
 * A position in PostgreSQL's write-ahead log (`pg_lsn`, written '16/B374D848') as a number that
 * orders: the high and low 32-bit halves in hex.
 */
export function parseLsn(text: string): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!match) throw new Error(`not a WAL position: ${text}`);
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

/** Where the primary's log ends now: every transaction committed before the call is at or before it. */
export async function primaryPosition(primary: DataSource): Promise<bigint> {
  const [row] = (await primary.query('SELECT pg_current_wal_insert_lsn()::text AS lsn')) as { lsn: string }[];
  return parseLsn(row.lsn);
}

/** A replica that did not answer: passed over until it does. */
const UNREACHABLE = -1n;
/** How long a replica has to say where it is before it counts as unreachable. */
const ANSWER_TIMEOUT_MS = 2_000;
const WHERE_ARE_YOU = 'SELECT COALESCE(pg_last_wal_replay_lsn(), pg_current_wal_insert_lsn())::text AS lsn';

/**
 * How far each read replica has replayed the primary's log, learnt by asking it
 * (`pg_last_wal_replay_lsn()`) when a read needs more than is known, and every second (`watch`),
 * and remembered: a replica known to have replayed a position has every transaction committed
 * before it, so a read there sees them. A replica that fails to answer within 2 s is passed over
 * until it answers again.
 *
 * POSTGRES-ONLY, and for streaming (physical) replicas: a server that is not replaying a log (the
 * primary itself listed as a replica) reports its own end of log.
 */
export class ReplicaPositions {
  private readonly replayed: bigint[];
  /** The question on its way to each replica, if any. */
  private readonly asking: (Promise<bigint> | undefined)[] = [];
  private watching: NodeJS.Timeout | undefined;

  constructor(private readonly replicas: DataSource[]) {
    this.replayed = replicas.map(() => 0n);
  }

  get count(): number {
    return this.replicas.length;
  }

  /** Asks the replicas every `intervalMs` until `close()`: a replica that went away stops getting reads. */
  watch(intervalMs = 1_000): void {
    this.watching = setInterval(() => void this.refresh(), intervalMs);
    this.watching.unref();
  }

  close(): void {
    clearInterval(this.watching);
  }

  /** How many replicas did not answer when last asked (or lost a connection since). */
  get unreachable(): number {
    return this.replayed.filter((position) => position === UNREACHABLE).length;
  }

  /**
   * A statement on `replica` failed: if the connection itself failed (refused, reset, the server
   * shutting down), it gets no more reads until it answers again, without waiting for the next
   * question. Other errors (a bad query, a timeout) say nothing about the replica.
   */
  failed(replica: DataSource, error: unknown): void {
    const index = this.replicas.indexOf(replica);
    if (index >= 0 && isConnectionFailure(error)) this.replayed[index] = UNREACHABLE;
  }

  /** The lowest position every replica is known to have replayed (below zero while one is unreachable). */
  lowest(): bigint {
    return this.replayed.reduce((low, position) => (position < low ? position : low), this.replayed[0] ?? 0n);
  }

  /**
   * A replica that has replayed `position`, trying `preferred` first (callers spread reads by
   * passing turns): from what is known, else as soon as one of the reachable replicas asked says
   * it has (an unreachable one is asked only by `watch` and `refresh`); null when none has. A
   * replica's position only moves forward, so an answer to a question asked earlier is never too
   * new: at worst a replica is passed over that had already caught up.
   */
  async replicaAt(position: bigint, preferred: number): Promise<number | null> {
    const known = this.pick(position, preferred);
    if (known !== null) return known;
    const asks = this.replicas.flatMap((_, index) => (this.replayed[index] === UNREACHABLE ? [] : [this.ask(index)]));
    await new Promise<void>((resolve) => {
      let left = asks.length;
      if (left === 0) resolve();
      for (const ask of asks) {
        void ask.then(() => {
          left -= 1;
          if (left === 0 || this.pick(position, preferred) !== null) resolve();
        });
      }
    });
    return this.pick(position, preferred);
  }

  /** Asks every replica where it is, the unreachable ones too. */
  async refresh(): Promise<void> {
    await Promise.all(this.replicas.map((_, index) => this.ask(index)));
  }

  /**
   * Asks one replica where it is, within 2 s. Callers share a question already on its way, even
   * one past its 2 s: a replica that does not answer gets one question at a time, not one more
   * per round (they would wait in its pool).
   */
  private ask(index: number): Promise<void> {
    let question = this.asking[index];
    if (!question) {
      question = (this.replicas[index].query(WHERE_ARE_YOU) as Promise<{ lsn: string }[]>).then(([row]) => parseLsn(row.lsn));
      this.asking[index] = question;
      const settled = () => {
        if (this.asking[index] === question) this.asking[index] = undefined;
      };
      question.then(settled, settled);
    }
    return withTimeout(question, ANSWER_TIMEOUT_MS).then(
      (position) => {
        if (position > this.replayed[index]) this.replayed[index] = position;
      },
      () => {
        this.replayed[index] = UNREACHABLE;
      },
    );
  }

  private pick(position: bigint, preferred: number): number | null {
    for (let step = 0; step < this.replicas.length; step += 1) {
      const index = (preferred + step) % this.replicas.length;
      if (this.replayed[index] >= position) return index;
    }
    return null;
  }
}

/**
 * A driver error that means the connection, not the statement, failed: a socket error, or
 * PostgreSQL's SQLSTATE classes 08 (connection exception) and 57P (operator intervention: the
 * server shutting down, crashed or not yet accepting connections).
 */
function isConnectionFailure(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (/^(ECONN|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND)/.test(code) || /^(08|57P)/.test(code))) return true;
  return typeof message === 'string' && /Connection terminated|connection timeout/i.test(message);
}

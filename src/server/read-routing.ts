import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { announceWriters } from '../db/postgres-notifications';
import { parseLsn, primaryPosition, type ReplicaPositions } from '../db/replica-positions';
import { withTimeout } from '../shared/with-timeout';

/** Recent writers remembered; past it, the oldest are folded into the floor (stricter for everyone, never stale). */
const MAX_REMEMBERED_WRITERS = 100_000;
/** Writers named in one notice (16 characters each: well under NOTIFY's 8,000 bytes). */
const WRITERS_PER_NOTICE = 200;

/**
 * Which connection a query reads through when the gateway has read replicas
 * (DATABASE_REPLICA_URLS): a replica, unless it has not yet replayed what this client wrote, in
 * which case the primary. Clients are told apart the way votes are (the voter hash), so a reader
 * sees their own vote or import in their next read, whichever gateway it reaches; everyone else
 * may read a replica up to its lag behind.
 *
 * After a write, the gateway that made it tells every gateway the writer and the position in the
 * primary's log the write is at or before (a NOTIFY, before the mutation is answered); a query
 * first waits until every notice committed before it has been heard (the same round trip a cache
 * hit makes), then picks a replica known to have replayed that position, asking the replicas
 * where they are when none is known to. Until the replicas have replayed what the gateway found
 * at start (migrations, the seed), every read goes to the primary. A read whose answer the
 * response cache may keep also waits for the latest change that evicted cached answers, which
 * every change notice carries.
 */
export class ReadRouting {
  /** Writer → the position their latest write is at or before, oldest first. */
  private readonly writers = new Map<string, bigint>();
  /** What every read needs: the start, and writers forgotten to stay within bounds. */
  private floor = 0n;
  /** The latest change that evicted cached responses, here or on another gateway. */
  private lastChange = 0n;
  /**
   * False after notices may have been missed (the listening connection lost and back, a change
   * whose notice failed): every read uses the primary until the primary's current position is
   * learnt and required of every read. `generation` tells a learning that started before a newer
   * miss from one that started after it.
   */
  private trusted = true;
  private generation = 0;
  private learning: Promise<void> | null = null;
  private turn = 0;
  /** Writers waiting for the next notice, and the promise it settles. */
  private open: { writers: string[]; sent: Promise<void> } | null = null;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly primary: DataSource,
    private readonly replicas: ReplicaPositions,
    /** Settles once every notice committed before the call has been heard: true when some may be missing (connection lost). */
    private readonly noticesMissing: () => Promise<boolean>,
    private readonly log: Logger,
  ) {}

  /** Reads wait for what the primary holds now (called at start, after migrations and the seed). */
  async requireCurrent(): Promise<void> {
    this.raiseFloor(await primaryPosition(this.primary));
  }

  /** A notice from any gateway (this one too): these writers wrote at or before `position`. */
  noted(writers: string[], position: string): void {
    const at = parseLsn(position);
    for (const writer of writers) {
      const known = this.writers.get(writer);
      if (known !== undefined && known >= at) continue;
      // Deleted and set again: the map stays in order of last write.
      this.writers.delete(writer);
      this.writers.set(writer, at);
    }
    for (const [writer, at] of this.writers) {
      if (this.writers.size <= MAX_REMEMBERED_WRITERS) break;
      this.writers.delete(writer);
      this.raiseFloor(at);
    }
  }

  /** A write changed what the response cache holds (told before its entries are evicted); null: where is not known. */
  changed(position: string | null): void {
    if (position === null) return this.gap();
    const at = parseLsn(position);
    if (at > this.lastChange) this.lastChange = at;
  }

  /** Notices may have been missed: nothing known of where writes are can be trusted until the primary says where it is. */
  gap(): void {
    this.trusted = false;
    this.generation += 1;
  }

  /**
   * The replica a query reads through, or null for the primary. `reader` is the client's voter
   * hash (null when it has none: a malformed X-Voter-Id, which only viewerStars refuses). A
   * `cacheable` answer may be kept for every reader, so it is read where every change already
   * evicted is: an entry read from a replica behind an eviction would be kept as current.
   */
  async route(reader: string | null, { cacheable = false } = {}): Promise<number | null> {
    // Without every notice heard, this reader may have written anywhere a moment ago.
    if (await this.noticesMissing()) return null;
    if (!(await this.learnIfNeeded())) return null;
    let needed = this.floor;
    const own = reader === null ? undefined : this.writers.get(writerKey(reader));
    if (own !== undefined && own > needed) needed = own;
    if (cacheable && this.lastChange > needed) needed = this.lastChange;
    const index = await this.replicas.replicaAt(needed, this.turn++ % this.replicas.count);
    this.forgetReplayed();
    return index;
  }

  /**
   * Tells every gateway that this client wrote; settles once the notice is committed (or has
   * failed, within 5 s), so the client's next read, on any gateway, knows. Clients writing at the
   * same moment share a notice.
   */
  wrote(writer: string): Promise<void> {
    if (!this.open) {
      const batch = { writers: [] as string[], sent: Promise.resolve() };
      batch.sent = this.sending.then(async () => {
        // Sending now: later writers wait for the next notice.
        if (this.open === batch) this.open = null;
        for (let start = 0; start < batch.writers.length; start += WRITERS_PER_NOTICE) {
          const writers = batch.writers.slice(start, start + WRITERS_PER_NOTICE);
          try {
            this.noted(writers, await withTimeout(announceWriters(this.primary, writers), NOTICE_TIMEOUT_MS));
          } catch (error) {
            // The write itself committed; other gateways may now route this client to a lagging
            // replica, and this one reads the primary until it has learnt where it is.
            this.log.error({ err: error }, 'could not tell the other gateways about a write');
            this.gap();
          }
        }
      });
      this.sending = batch.sent.catch(() => undefined);
      this.open = batch;
    }
    this.open.writers.push(writerKey(writer));
    return this.open.sent;
  }

  /** Asks the replicas where they are now (one that does not answer gets no more reads). */
  checkReplicas(): void {
    void this.replicas.refresh();
  }

  /** True once what is known can be trusted again (learning the primary's position when a gap made it untrusted). */
  private async learnIfNeeded(): Promise<boolean> {
    if (this.trusted) return true;
    const generation = this.generation;
    this.learning ??= withTimeout(primaryPosition(this.primary), NOTICE_TIMEOUT_MS)
      .then(
        (position) => {
          this.raiseFloor(position);
          if (position > this.lastChange) this.lastChange = position;
          // A gap since the question was asked: its position may be from before it.
          if (this.generation === generation) this.trusted = true;
        },
        () => undefined,
      )
      .finally(() => {
        this.learning = null;
      });
    await this.learning;
    return this.trusted;
  }

  private raiseFloor(position: bigint): void {
    if (position > this.floor) this.floor = position;
  }

  /** Writers every replica has caught up with need nothing special any more. */
  private forgetReplayed(): void {
    const lowest = this.replicas.lowest();
    for (const [writer, at] of this.writers) {
      if (at > lowest) break;
      this.writers.delete(writer);
    }
  }
}

/** How long a write's notice, or a question to the primary about where its log ends, may take. */
const NOTICE_TIMEOUT_MS = 5_000;

/** Enough of the voter hash to tell clients apart here (a clash only sends a reader to the primary). */
function writerKey(voterHash: string): string {
  return voterHash.slice(0, 16);
}

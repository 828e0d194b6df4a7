import { Mutex } from 'async-mutex';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Serialises every write unit of one gateway process.
 *
 * TypeORM's SQLite driver has one connection per DataSource, so two concurrent `transaction()`
 * calls collide ("cannot start a transaction within a transaction"), and a lone statement sent
 * while another request's transaction is open would silently join it. Queuing the writes here
 * means concurrent requests wait their turn instead of failing or losing data. Other processes
 * (a CLI import) are kept apart by SQLite's own lock and busy_timeout.
 */
export class WriteQueue {
  private readonly mutex = new Mutex();

  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in a transaction of its own, after every write queued before it. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.mutex.runExclusive(() => this.dataSource.transaction(work));
  }

  /** Runs a single-statement write (atomic by itself) after every write queued before it. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.mutex.runExclusive(() => work(this.dataSource.manager));
  }
}

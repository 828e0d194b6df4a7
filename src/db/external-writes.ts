import type { DataSource } from 'typeorm';
import type { PostgresNotifications } from './postgres-notifications';
import { isSqlite } from './sqlite-engine';

/**
 * Notices commits made by other processes (a CLI import, another gateway on the same database), so
 * that what this process caches is dropped when they write.
 *
 * ENGINE-SPECIFIC. SQLite: `PRAGMA data_version` on a connection changes whenever another
 * connection commits; this process writes only through its writer connection, so on that
 * connection it changes only for other processes' commits. PostgreSQL: the other gateways say what
 * they changed through LISTEN/NOTIFY (postgres-notifications.ts), and those notices evict exactly
 * that; a check here only waits until every notice committed before it has been handled.
 */
export class ExternalWrites {
  private last: number | undefined;
  private running: Promise<boolean> | undefined;
  private next: Promise<boolean> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    /** PostgreSQL's notices from the other gateways (null on SQLite). */
    private readonly notifications: Pick<PostgresNotifications, 'sync'> | null = null,
  ) {}

  get supported(): boolean {
    if (this.notifications) return true;
    return isSqlite(this.dataSource.options) && this.dataSource.options.database !== ':memory:';
  }

  /**
   * True when another process committed since the previous check. Callers at the same moment
   * share one read, but always one that started after they called: a read already running may
   * have missed a commit made just before the call.
   */
  check(): Promise<boolean> {
    if (!this.supported) return Promise.resolve(false);
    if (!this.running) {
      this.running = this.read().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.next ??= this.running.then(() => {
      this.next = undefined;
      return this.check();
    });
    return this.next;
  }

  private async read(): Promise<boolean> {
    if (this.notifications) {
      // What the notices changed is already evicted, tag by tag: nothing more to drop. Without the
      // connection, another gateway may have written anything: the caller drops what it holds.
      return this.notifications.sync().then(
        () => false,
        () => true,
      );
    }
    const [row] = (await this.dataSource.query('PRAGMA data_version')) as { data_version: number }[];
    const changed = this.last !== undefined && row.data_version !== this.last;
    this.last = row.data_version;
    return changed;
  }
}

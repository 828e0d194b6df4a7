import type { DataSource } from 'typeorm';
import { isSqlite } from './sqlite-engine';

/**
 * Notices commits made by other processes (a CLI import, another gateway on the same file), so
 * that what this process caches is dropped when they write.
 *
 * SQLITE-SPECIFIC: `PRAGMA data_version` on a connection changes whenever another connection
 * commits; this process writes only through its writer connection, so on that connection it
 * changes only for other processes' commits. Other engines report no external writes here (a
 * server engine needs its own notification, e.g. PostgreSQL LISTEN/NOTIFY).
 */
export class ExternalWrites {
  private last: number | undefined;
  private running: Promise<boolean> | undefined;
  private next: Promise<boolean> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  get supported(): boolean {
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
    const [row] = (await this.dataSource.query('PRAGMA data_version')) as { data_version: number }[];
    const changed = this.last !== undefined && row.data_version !== this.last;
    this.last = row.data_version;
    return changed;
  }
}

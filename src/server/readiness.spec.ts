import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource, type MigrationInterface } from 'typeorm';
import { migrations } from '../../migrations';
import { openDatabase, openReaders } from '../db/data-source';
import { entities } from '../modules/entities';
import { checkReadiness } from './readiness';

/** A migration this build would know and the database has not had (a deploy that skipped migrating). */
class NotYetRun9999999999999 implements MigrationInterface {
  async up(): Promise<void> {}
  async down(): Promise<void> {}
}

describe('checkReadiness', () => {
  let dir: string;
  let file: string;
  const opened: DataSource[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-readiness-'));
    file = path.join(dir, 'db.sqlite');
  });
  afterEach(async () => {
    await Promise.all(
      opened
        .splice(0)
        .filter((source) => source.isInitialized)
        .map((source) => source.destroy()),
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const open = async () => {
    const writer = await openDatabase({ type: 'sqlite', database: file }, entities);
    const readers = await openReaders({ type: 'sqlite', database: file }, entities, 2);
    opened.push(writer, ...readers);
    return { writer, readers };
  };

  it('is ready when every connection answers and every migration has run', async () => {
    const { writer, readers } = await open();
    expect(await checkReadiness(writer, readers)).toEqual({ ready: true });
  });

  it('is not ready, and says so in time, when a connection never answers', async () => {
    const { writer } = await open();
    // A reader stuck behind a lock or a dead network: its query never settles.
    const stuck = { query: () => new Promise(() => undefined) } as unknown as DataSource;
    expect(await checkReadiness(writer, [stuck], false, 50)).toEqual({ ready: false, reason: 'database did not answer within 50 ms' });
  });

  it('is not ready while a migration of this build is pending', async () => {
    await open();
    const behind = new DataSource({ type: 'sqlite', database: file, entities, migrations: [...migrations, NotYetRun9999999999999] });
    await behind.initialize();
    opened.push(behind);
    expect(await checkReadiness(behind, [])).toEqual({ ready: false, reason: 'migrations pending' });
  });

  it('is not ready when a connection no longer answers, or while shutting down', async () => {
    const { writer, readers } = await open();
    expect(await checkReadiness(writer, readers, true)).toEqual({ ready: false, reason: 'shutting down' });
    await readers[1].destroy();
    expect(await checkReadiness(writer, readers)).toEqual({ ready: false, reason: 'database unavailable' });
  });
});

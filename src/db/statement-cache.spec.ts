import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { type KeptStatements, reusePreparedStatements } from './statement-cache';

/** A writer and a reader on one WAL file, the reader keeping its prepared statements, as the gateway opens them. */
describe('reusePreparedStatements', () => {
  let dir: string;
  let writer: DataSource;
  let reader: DataSource & { kept: KeptStatements };

  const open = async (file: string, capacity?: number) => {
    const dataSource = new DataSource({ type: 'sqlite', database: file, entities: [] });
    await dataSource.initialize();
    await dataSource.query('PRAGMA journal_mode = WAL');
    const kept = reusePreparedStatements(dataSource, capacity);
    return Object.assign(dataSource, { kept });
  };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-statements-'));
    writer = await open(path.join(dir, 'db.sqlite'));
    await writer.query('CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    await writer.query("INSERT INTO item (name) VALUES ('first')");
    reader = await open(path.join(dir, 'db.sqlite'));
  });
  afterEach(async () => {
    await reader.destroy();
    await writer.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs a text seen before on its kept statement: no statement made or finalized per call', async () => {
    const finalize = jest.spyOn(sqlite3.Statement.prototype, 'finalize');
    try {
      for (let round = 0; round < 2; round += 1) await reader.query('SELECT name FROM item WHERE id = ?', [1]);
      // The second run started the prepare beside it; calls run the ordinary way until it is done.
      await reader.kept.settled();
      finalize.mockClear();
      for (let round = 0; round < 5; round += 1) {
        expect(await reader.query('SELECT name FROM item WHERE id = ?', [1])).toEqual([{ name: 'first' }]);
      }
      expect(finalize).not.toHaveBeenCalled();
      // Anything else than a SELECT runs the ordinary way, every time.
      await reader.query('PRAGMA user_version');
      expect(finalize).toHaveBeenCalledTimes(1);
    } finally {
      finalize.mockRestore();
    }
  });

  it('binds each call its own parameters and reads what was committed since', async () => {
    const names = () => reader.query('SELECT name FROM item WHERE id >= ? ORDER BY id', [1]);
    await names();
    await names();
    await writer.query("INSERT INTO item (name) VALUES ('second')");
    expect(await names()).toEqual([{ name: 'first' }, { name: 'second' }]);
    const [one, two] = await Promise.all([
      reader.query('SELECT name FROM item WHERE id = ?', [1]),
      reader.query('SELECT name FROM item WHERE id = ?', [2]),
    ]);
    expect([one, two]).toEqual([[{ name: 'first' }], [{ name: 'second' }]]);
  });

  it('holds no read transaction between calls: the writer checkpoints the whole log', async () => {
    for (let round = 0; round < 3; round += 1) await reader.query('SELECT COUNT(*) AS n FROM item');
    await writer.query("INSERT INTO item (name) VALUES ('later')");
    const [checkpoint] = await writer.query('PRAGMA wal_checkpoint(TRUNCATE)');
    expect(checkpoint.busy).toBe(0);
  });

  it('reports errors as before, every time, and goes on working', async () => {
    for (let round = 0; round < 3; round += 1) {
      await expect(reader.query("SELECT json_extract(?, '$') AS value", ['{not json'])).rejects.toThrow(/malformed JSON/);
      await expect(reader.query('SELECT missing FROM nowhere')).rejects.toThrow(/no such table: nowhere/);
    }
    expect(await reader.query("SELECT json_extract(?, '$.a') AS value", ['{"a": 1}'])).toEqual([{ value: 1 }]);
  });

  it('closes while statements still arrive (requests in flight at shutdown)', async () => {
    const late = await open(path.join(dir, 'db.sqlite'));
    for (let round = 0; round < 2; round += 1) await late.query('SELECT 1 AS kept');
    await late.query('SELECT 2 AS seen');
    await late.kept.settled();
    const db = (late.driver as unknown as { databaseConnection: sqlite3.Database }).databaseConnection;
    // A kept statement still running when closing begins: its finalize, and so the close, waits for it.
    const running = new Promise((resolve) => db.all('SELECT 1 AS kept', [], (error, rows) => resolve(error ?? rows)));
    const closed = new Promise<Error | null>((resolve) => db.close((error) => resolve(error)));
    // Seen once before: without the closing check it would be kept now, after the kept ones were finalized.
    const arriving = new Promise((resolve) => db.all('SELECT 2 AS seen', [], (error, rows) => resolve(error ?? rows)));
    expect(await closed).toBeNull();
    expect(await running).toEqual([{ kept: 1 }]);
    await arriving;
  });

  it('answers every call, and closes, when a statement fails to prepare while calls for it wait', async () => {
    const broken = await open(path.join(dir, 'db.sqlite'));
    const db = (broken.driver as unknown as { databaseConnection: sqlite3.Database }).databaseConnection;
    const run = (sql: string) => new Promise<unknown>((resolve) => db.all(sql, [], (error, rows) => resolve(error ? String(error) : rows)));
    await writer.query('CREATE TABLE doomed (id INTEGER PRIMARY KEY)');
    await writer.query('CREATE TABLE gone (id INTEGER PRIMARY KEY)');
    // Each has run once, so the next call prepares it to keep; the table goes first, so that prepare fails.
    expect(await run('SELECT id FROM doomed')).toEqual([]);
    expect(await run('SELECT id FROM gone')).toEqual([]);
    await writer.query('DROP TABLE doomed');
    await writer.query('DROP TABLE gone');
    const calls = await Promise.all([1, 2, 3, 4].map(() => run('SELECT id FROM doomed')));
    expect(calls).toEqual(Array(4).fill(expect.stringMatching(/no such table: doomed/)));
    // Closing while such a prepare is under way.
    const failing = run('SELECT id FROM gone');
    const closed = new Promise<Error | null>((resolve) => db.close((error) => resolve(error)));
    expect(await closed).toBeNull();
    expect(await failing).toMatch(/no such table: gone/);
  });

  it('keeps at most its capacity, and closes with statements kept', async () => {
    const small = await open(path.join(dir, 'db.sqlite'), 2);
    for (let round = 0; round < 3; round += 1) {
      for (const id of [1, 2, 3])
        expect(await small.query(`SELECT ${id} AS id, name FROM item WHERE id = 1`)).toEqual([{ id, name: 'first' }]);
    }
    await expect(small.destroy()).resolves.toBeUndefined();
  });
});

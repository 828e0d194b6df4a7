import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { createDataSource } from '../../src/db/data-source';
import { entities } from '../../src/modules/entities';

const BEFORE_LISTING_DATES = migrations.findIndex((migration) => migration.name === 'ListingDates1764500000000');

describe('the listing-dates migration', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-dates-'));
    file = path.join(dir, 'old.sqlite');
    // The database as it was before the migration: two articles, a person named in both, quotes.
    const before = new DataSource({ type: 'sqlite', database: file, migrations: migrations.slice(0, BEFORE_LISTING_DATES) });
    await before.initialize();
    await before.runMigrations();
    const dates = ['2024-03-01 10:00:00.000', '2025-07-15 08:30:00.000'];
    for (const [index, date] of dates.entries()) {
      await before.query(
        `INSERT INTO article (id, slug, headline, section, published_at, updated_at, created_at, body) VALUES (?, ?, ?, 'World', ?, ?, ?, 'Body.')`,
        [index + 1, `a-${index + 1}`, `A ${index + 1}`, date, date, date],
      );
    }
    await before.query(`INSERT INTO person (id, slug, name, normalized_name, created_at) VALUES (1, 'ann-lee', 'Ann Lee', 'ann lee', ?)`, [
      dates[0],
    ]);
    for (const articleId of [1, 2]) {
      await before.query(`INSERT INTO mention (article_id, person_id, role, position) VALUES (?, 1, 'QUOTED', 0)`, [articleId]);
      await before.query(
        `INSERT INTO quote (article_id, speaker_id, text, attribution, paragraph_index, position) VALUES (?, 1, ?, 'Lee said', 0, 0)`,
        [articleId, `harbour words ${articleId}`],
      );
    }
    await before.destroy();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('copies each article date onto its mentions and quotes, and keeps quote search working', async () => {
    const after = createDataSource({ type: 'sqlite', database: file }, entities);
    await after.initialize();
    try {
      await after.runMigrations();
      const copied = `SELECT t.article_id, t.published_at = a.published_at AS same FROM %s t JOIN article a ON a.id = t.article_id ORDER BY t.article_id`;
      expect(await after.query(copied.replace('%s', 'mention'))).toEqual([
        { article_id: 1, same: 1 },
        { article_id: 2, same: 1 },
      ]);
      expect(await after.query(copied.replace('%s', 'quote'))).toEqual([
        { article_id: 1, same: 1 },
        { article_id: 2, same: 1 },
      ]);
      // The table rebuild drops a table's triggers: the quote index must still follow inserts and updates.
      const found = async (word: string) =>
        (await after.query(`SELECT rowid AS id FROM quote_fts WHERE quote_fts MATCH ? ORDER BY rowid`, [word])).map(
          (row: { id: number }) => row.id,
        );
      expect(await found('harbour')).toEqual([1, 2]);
      await after.query(
        `INSERT INTO quote (article_id, speaker_id, text, attribution, paragraph_index, position, published_at) VALUES (2, 1, 'lighthouse', 'Lee said', 0, 1, '2025-07-15 08:30:00.000')`,
      );
      await after.query(`UPDATE quote SET text = 'breakwater' WHERE id = 1`);
      expect(await found('lighthouse')).toEqual([3]);
      expect(await found('harbour')).toEqual([2]);
      expect(await found('breakwater')).toEqual([1]);
      const triggers = await after.query(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'quote' ORDER BY name`);
      expect(triggers.map((row: { name: string }) => row.name)).toEqual([
        'quote_fts_delete',
        'quote_fts_insert',
        'quote_fts_update',
        'quote_recent_fts_delete',
        'quote_recent_fts_insert',
        'quote_recent_fts_update',
      ]);
    } finally {
      await after.destroy();
    }
  });
});

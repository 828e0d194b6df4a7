import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { isSqlite } from '../src/db/sqlite-engine';
import { createSearchTriggers, dropSearchTriggers } from './1764200000000-search-index';

/** Articles per read while backfilling: bounded memory on any archive. */
const BATCH = 500;

/** The first paragraph of a body, as the importer worked it out when this migration was written. */
function firstParagraph(body: string): string | null {
  const match = /\S[\s\S]*?(?=\r?\n\s*\r?\n|$)/.exec(body);
  return match ? match[0].trim() : null;
}

/**
 * Each article's summary stored in a column of its own: the copy's standfirst, else its first
 * paragraph, which the GraphQL `standfirst` field used to work out from the body on every read.
 * Article lists show the summary, so they no longer read whole bodies (most of an article's
 * bytes). Not in the search index: the standfirst and the body are, and a first paragraph there
 * too would count twice.
 *
 * SQLITE-SPECIFIC: the backfill updates every article, and the article table's search triggers
 * would reindex each one for a column they do not index; they are dropped for the backfill and
 * put back after.
 */
export class ArticleSummary1764600000000 implements MigrationInterface {
  name = 'ArticleSummary1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const sqlite = isSqlite(queryRunner.connection.options);
    // ADD COLUMN, not TypeORM's addColumn: SQLite would rebuild the whole article table for it.
    await queryRunner.query('ALTER TABLE article ADD COLUMN summary text');
    if (sqlite) await dropSearchTriggers(queryRunner, 'article');
    for (let after = 0; ;) {
      const rows: { id: number; standfirst: string | null; body: string }[] = await queryRunner.manager
        .createQueryBuilder()
        .from('article', 'article')
        .select(['article.id AS id', 'article.standfirst AS standfirst', 'article.body AS body'])
        .where('article.id > :after', { after })
        .orderBy('article.id')
        .limit(BATCH)
        .getRawMany();
      if (rows.length === 0) break;
      for (const row of rows) {
        const [sql, parameters] = queryRunner.connection.driver.escapeQueryWithParameters(
          'UPDATE article SET summary = :summary WHERE id = :id',
          { summary: row.standfirst ?? firstParagraph(row.body), id: row.id },
          {},
        );
        await queryRunner.query(sql, parameters);
      }
      after = Number(rows[rows.length - 1].id);
    }
    if (sqlite) await createSearchTriggers(queryRunner, 'article');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // SQLite rebuilds the table to drop a column, which drops its triggers too.
    const sqlite = isSqlite(queryRunner.connection.options);
    if (sqlite) await dropSearchTriggers(queryRunner, 'article');
    await queryRunner.dropColumn('article', new TableColumn({ name: 'summary', type: 'text', isNullable: true }));
    if (sqlite) await createSearchTriggers(queryRunner, 'article');
  }
}

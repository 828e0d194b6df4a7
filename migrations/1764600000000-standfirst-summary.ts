import type { MigrationInterface, QueryRunner } from 'typeorm';
import { firstParagraph } from '../src/modules/article/article-text';

/** Articles per read while backfilling: bounded memory on any archive. */
const BATCH = 500;

/**
 * Every article's standfirst stored: the copy's own where it had one, else its first paragraph,
 * which the GraphQL field used to work out from the body on every read. Article lists show the
 * summary, so they no longer read whole bodies (most of an article's bytes). The first paragraph
 * is found by the same function the importer now uses at import. The search index sees the new
 * standfirsts through the article table's own update trigger (SQLite) or its engine's index.
 */
export class StandfirstSummary1764600000000 implements MigrationInterface {
  name = 'StandfirstSummary1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const articles = () => queryRunner.manager.createQueryBuilder().from('article', 'article');
    for (let after = 0; ;) {
      const rows: { id: number; body: string }[] = await articles()
        .select(['article.id AS id', 'article.body AS body'])
        .where('article.standfirst IS NULL AND article.id > :after', { after })
        .orderBy('article.id')
        .limit(BATCH)
        .getRawMany();
      if (rows.length === 0) break;
      for (const row of rows) {
        const standfirst = firstParagraph(row.body);
        if (standfirst === null) continue;
        const [sql, parameters] = queryRunner.connection.driver.escapeQueryWithParameters(
          'UPDATE article SET standfirst = :standfirst WHERE id = :id',
          { standfirst, id: row.id },
          {},
        );
        await queryRunner.query(sql, parameters);
      }
      after = Number(rows[rows.length - 1].id);
    }
  }

  async down(): Promise<void> {
    // Which standfirsts the copy had and which were worked out is not recorded: they stay.
  }
}

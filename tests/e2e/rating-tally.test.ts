import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { createDataSource } from '../../src/db/data-source';
import { entities } from '../../src/modules/entities';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const RATE = `mutation($input: RateArticleInput!) { rateArticle(input: $input) { rating { votes histogram } } }`;
/** The tallies as counted from the votes themselves: what article_rating must always equal. */
const COUNTED = `SELECT article_id, COUNT(*) AS votes, SUM(stars) AS star_sum,
  SUM(CASE WHEN stars = 1 THEN 1 ELSE 0 END) AS stars_1, SUM(CASE WHEN stars = 2 THEN 1 ELSE 0 END) AS stars_2, SUM(CASE WHEN stars = 3 THEN 1 ELSE 0 END) AS stars_3, SUM(CASE WHEN stars = 4 THEN 1 ELSE 0 END) AS stars_4, SUM(CASE WHEN stars = 5 THEN 1 ELSE 0 END) AS stars_5
  FROM vote GROUP BY article_id ORDER BY article_id`;
/** Rows with every value a number: PostgreSQL's driver gives COUNT and SUM (bigint, numeric) as strings. */
const numbers = (rows: Record<string, unknown>[]) =>
  rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])));
const KEPT = `SELECT article_id, votes, star_sum, stars_1, stars_2, stars_3, stars_4, stars_5 FROM article_rating WHERE votes > 0 ORDER BY article_id`;

describe('rating tallies (article_rating) kept with the votes', () => {
  let server: TestGateway;
  let articleIds: string[];

  beforeAll(async () => {
    server = await startTestGateway();
    for (let index = 0; index < 3; index += 1) {
      await server.gateway.execute(
        `mutation($input: ImportArticleInput!) { importArticle(input: $input) { created } }`,
        { input: { text: `Tally test ${index}\n\nJan. 30, 2026\n\n"We count every vote," said Teresa Okonkwo ${index}.` } },
        { headers: { authorization: 'Bearer test-editor-key-0123456789' } },
      );
    }
    const { articles } = await server.data('{ articles(first: 4) { edges { node { id } } } }');
    articleIds = articles.edges.map((edge: { node: { id: string } }) => edge.node.id);
  });
  afterAll(() => server.close());

  it('equal the votes after simultaneous new votes, changed votes and repeated votes on several articles', async () => {
    const votes = Array.from({ length: 300 }, (_, index) => ({
      articleId: articleIds[index % articleIds.length],
      stars: ((index * 7) % 5) + 1,
      // 60 voters, each voting five times over the four articles: repeats and changes in one storm.
      voter: `tally-voter-${index % 60}`,
    }));
    const results = await Promise.all(
      votes.map((vote) => server.gql(RATE, { input: { articleId: vote.articleId, stars: vote.stars } }, { 'x-voter-id': vote.voter })),
    );
    expect(results.filter((result) => result.errors)).toEqual([]);
    const counted = numbers(await server.gateway.dataSource.query(COUNTED));
    expect(counted.length).toBe(articleIds.length);
    expect(numbers(await server.gateway.dataSource.query(KEPT))).toEqual(counted);
    // What readers see is the kept tally.
    const { articles } = await server.data('{ articles(first: 4) { edges { node { rating { votes histogram } } } } }');
    expect(articles.edges.map((edge: { node: { rating: { votes: number } } }) => edge.node.rating.votes).sort()).toEqual(
      counted.map((row) => row.votes).sort(),
    );
  });

  it('commits simultaneous votes in groups: 200 votes take far fewer than 200 transactions', async () => {
    const transactions = jest.spyOn(server.gateway.dataSource, 'transaction');
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          server.gql(RATE, { input: { articleId: articleIds[0], stars: (index % 5) + 1 } }, { 'x-voter-id': `group-voter-${index}` }),
        ),
      );
      expect(results.filter((result) => result.errors)).toEqual([]);
      expect(transactions.mock.calls.length).toBeGreaterThan(0);
      expect(transactions.mock.calls.length).toBeLessThan(100);
    } finally {
      transactions.mockRestore();
    }
    expect(numbers(await server.gateway.dataSource.query(KEPT))).toEqual(numbers(await server.gateway.dataSource.query(COUNTED)));
  });

  it('each vote answers with a tally that includes it and every vote committed before it', async () => {
    const read = async () =>
      (await server.data(`{ node(id: "${articleIds[1]}") { ... on Article { rating { votes } } } }`)).node.rating.votes as number;
    const before = await read();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        server.data(RATE, { input: { articleId: articleIds[1], stars: 5 } }, { 'x-voter-id': `answer-voter-${index}` }),
      ),
    );
    const tallies = results.map((result) => result.rateArticle.rating.votes as number);
    expect(tallies.every((votes) => votes > before && votes <= before + 50)).toBe(true);
    expect(Math.max(...tallies)).toBe(before + 50);
    expect(await read()).toBe(before + 50);
  });
});

describe('the rating-tally migration', () => {
  it('backfills the tallies of a database that already holds votes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-tally-'));
    const file = path.join(dir, 'old.sqlite');
    try {
      // The database as it was before the tally migration.
      const before = new DataSource({ type: 'sqlite', database: file, migrations: migrations.slice(0, 3) });
      await before.initialize();
      await before.runMigrations();
      const now = '2026-01-01 00:00:00.000';
      for (const id of [1, 2, 3]) {
        await before.query(
          `INSERT INTO article (id, slug, headline, section, published_at, updated_at, created_at, body) VALUES (?, ?, ?, 'World', ?, ?, ?, 'Body.')`,
          [id, `a-${id}`, `A ${id}`, now, now, now],
        );
      }
      const stars = [5, 4, 4, 1, 3, 5, 2];
      for (const [index, value] of stars.entries()) {
        await before.query(`INSERT INTO vote (article_id, voter_hash, stars, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`, [
          index % 2 === 0 ? 1 : 2,
          `voter-${index}`,
          value,
          now,
          now,
        ]);
      }
      await before.destroy();

      const after = createDataSource({ type: 'sqlite', database: file }, entities);
      await after.initialize();
      try {
        await after.runMigrations();
        expect(await after.query(KEPT)).toEqual([
          { article_id: 1, votes: 4, star_sum: 5 + 4 + 3 + 2, stars_1: 0, stars_2: 1, stars_3: 1, stars_4: 1, stars_5: 1 },
          { article_id: 2, votes: 3, star_sum: 4 + 1 + 5, stars_1: 1, stars_2: 0, stars_3: 0, stars_4: 1, stars_5: 1 },
        ]);
        expect(await after.query(KEPT)).toEqual(await after.query(COUNTED));
      } finally {
        await after.destroy();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

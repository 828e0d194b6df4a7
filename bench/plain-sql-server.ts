/**
 * Baseline for the benchmark: the front page and the article page of issue #10 answered with the
 * same JSON by hand-written, batched SQL through sqlite3 over node:http, with no GraphQL or ORM.
 * Ratings come from the same tally table the gateway reads (article_rating), so the baseline has
 * every advantage the schema gives.
 *   GET /front            the 20 newest articles with people and ratings
 *   GET /article/<slug>   one article with people, quotes and speakers, rating and 5 related articles
 * Usage: node dist/bench/plain-sql-server.js <sqlite file> <port>
 */
import http from 'node:http';
import sqlite3 from 'sqlite3';
import { RELATED_WINDOW } from '../src/modules/mention/mention.query';

const [file, portText] = process.argv.slice(2);
const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);

function all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
}

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
const iso = (stamp: string) => new Date(`${stamp.replace(' ', 'T')}Z`).toISOString();

interface Tally {
  article_id: number;
  votes: number;
  star_sum: number;
  stars_1: number;
  stars_2: number;
  stars_3: number;
  stars_4: number;
  stars_5: number;
}

function tallies(ids: number[]): Promise<Map<number, Tally>> {
  return all<Tally>(`SELECT * FROM article_rating WHERE article_id IN (${ids.map(() => '?').join(',')})`, ids).then(
    (rows) => new Map(rows.map((row) => [row.article_id, row])),
  );
}

async function frontPage(first: number) {
  const articles = await all<{
    id: number;
    slug: string;
    headline: string;
    section: string;
    published_at: string;
    summary: string | null;
    image_url: string | null;
    image_credit: string | null;
    image_caption: string | null;
  }>(
    // The stored summary, as the gateway reads it: no bodies on a front page.
    'SELECT id, slug, headline, section, published_at, summary, image_url, image_credit, image_caption FROM article ORDER BY published_at DESC, id DESC LIMIT ?',
    [first],
  );
  const ids = articles.map((article) => article.id);
  const marks = ids.map(() => '?').join(',');
  const [people, ratings] = await Promise.all([
    all<{ article_id: number; name: string }>(
      `SELECT m.article_id, p.name FROM mention m JOIN person p ON p.id = m.person_id WHERE m.article_id IN (${marks}) ORDER BY m.article_id, m.position`,
      ids,
    ),
    tallies(ids),
  ]);
  const peopleOf = new Map<number, { name: string }[]>(ids.map((id) => [id, []]));
  for (const row of people) peopleOf.get(row.article_id)!.push({ name: row.name });
  return {
    data: {
      articles: {
        edges: articles.map((article) => {
          const rating = ratings.get(article.id);
          return {
            node: {
              id: gid('Article', article.id),
              slug: article.slug,
              headline: article.headline,
              section: article.section,
              publishedAt: iso(article.published_at),
              standfirst: article.summary,
              image:
                article.image_url === null && article.image_credit === null && article.image_caption === null
                  ? null
                  : { url: article.image_url, credit: article.image_credit },
              people: peopleOf.get(article.id),
              rating: { votes: rating?.votes ?? 0, average: rating?.votes ? rating.star_sum / rating.votes : null },
            },
          };
        }),
      },
    },
  };
}

async function articlePage(slug: string) {
  const [article] = await all<{
    id: number;
    headline: string;
    section: string;
    published_at: string;
    body: string;
    image_url: string | null;
    image_credit: string | null;
    image_caption: string | null;
  }>('SELECT id, headline, section, published_at, body, image_url, image_credit, image_caption FROM article WHERE slug = ?', [slug]);
  if (!article) return { data: { article: null } };
  const [people, quotes, ratings, related] = await Promise.all([
    all<{ id: number; name: string; description: string | null }>(
      'SELECT p.id, p.name, p.description FROM mention m JOIN person p ON p.id = m.person_id WHERE m.article_id = ? ORDER BY m.position',
      [article.id],
    ),
    all<{ text: string; attribution: string; speaker: string | null }>(
      'SELECT q.text, q.attribution, p.name AS speaker FROM quote q LEFT JOIN person p ON p.id = q.speaker_id WHERE q.article_id = ? ORDER BY q.position',
      [article.id],
    ),
    tallies([article.id]),
    all<{ slug: string; headline: string }>(
      // The gateway's definition: per person, the articles nearest in date (RELATED_WINDOW either side).
      `SELECT a.slug, a.headline FROM (
         SELECT theirs.article_id AS id, COUNT(*) AS shared, MAX(theirs.published_at) AS published FROM mention mine
         JOIN mention theirs ON theirs.person_id = mine.person_id AND theirs.article_id != mine.article_id
           AND theirs.published_at BETWEEN
             COALESCE((SELECT n.published_at FROM mention n WHERE n.person_id = mine.person_id AND n.published_at <= mine.published_at
                       ORDER BY n.published_at DESC LIMIT 1 OFFSET ${RELATED_WINDOW}),
                      (SELECT MIN(n.published_at) FROM mention n WHERE n.person_id = mine.person_id))
             AND COALESCE((SELECT n.published_at FROM mention n WHERE n.person_id = mine.person_id AND n.published_at >= mine.published_at
                       ORDER BY n.published_at ASC LIMIT 1 OFFSET ${RELATED_WINDOW}),
                      (SELECT MAX(n.published_at) FROM mention n WHERE n.person_id = mine.person_id))
         WHERE mine.article_id = ? GROUP BY theirs.article_id ORDER BY shared DESC, published DESC, id DESC LIMIT 5) overlap
       JOIN article a ON a.id = overlap.id ORDER BY overlap.shared DESC, overlap.published DESC, overlap.id DESC`,
      [article.id],
    ),
  ]);
  const rating = ratings.get(article.id);
  return {
    data: {
      article: {
        id: gid('Article', article.id),
        headline: article.headline,
        section: article.section,
        publishedAt: iso(article.published_at),
        body: article.body,
        image:
          article.image_url === null && article.image_credit === null && article.image_caption === null
            ? null
            : { url: article.image_url, credit: article.image_credit, caption: article.image_caption },
        people: people.map((person) => ({ id: gid('Person', person.id), name: person.name, description: person.description })),
        quotes: quotes.map((quote) => ({
          text: quote.text,
          attribution: quote.attribution,
          speaker: quote.speaker === null ? null : { name: quote.speaker },
        })),
        rating: {
          votes: rating?.votes ?? 0,
          average: rating?.votes ? rating.star_sum / rating.votes : null,
          histogram: rating ? [rating.stars_1, rating.stars_2, rating.stars_3, rating.stars_4, rating.stars_5] : [0, 0, 0, 0, 0],
        },
        relatedArticles: related,
      },
    },
  };
}

http
  .createServer((req, res) => {
    const url = req.url ?? '/';
    const answer = url.startsWith('/article/') ? articlePage(decodeURIComponent(url.slice('/article/'.length))) : frontPage(20);
    answer.then(
      (body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      },
      (error) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  })
  .listen(Number(portText), '127.0.0.1', () => process.send?.('ready'));

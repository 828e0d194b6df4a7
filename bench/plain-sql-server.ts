/**
 * Baseline for the benchmark: the same 20-article page (people, quotes with speakers, ratings)
 * answered by hand-written batched SQL over node:http, with no GraphQL or ORM in between.
 * Usage: node dist/bench/plain-sql-server.js <sqlite file> <port>
 */
import http from 'node:http';
import sqlite3 from 'sqlite3';

const [file, portText] = process.argv.slice(2);
const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);

function all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
}

async function page(first: number) {
  const articles = await all<{ id: number; headline: string }>(
    'SELECT id, headline FROM article ORDER BY published_at DESC, id DESC LIMIT ?',
    [first],
  );
  const ids = articles.map((article) => article.id);
  const marks = ids.map(() => '?').join(',');
  const [people, quotes, ratings] = await Promise.all([
    all<{ article_id: number; name: string }>(
      `SELECT m.article_id, p.name FROM mention m JOIN person p ON p.id = m.person_id WHERE m.article_id IN (${marks}) ORDER BY m.article_id, m.position`,
      ids,
    ),
    all<{ article_id: number; text: string; speaker: string | null }>(
      `SELECT q.article_id, q.text, p.name AS speaker FROM quote q LEFT JOIN person p ON p.id = q.speaker_id WHERE q.article_id IN (${marks}) ORDER BY q.article_id, q.position`,
      ids,
    ),
    all<{ article_id: number; votes: number; average: number | null }>(
      `SELECT article_id, COUNT(*) AS votes, AVG(stars) AS average FROM vote WHERE article_id IN (${marks}) GROUP BY article_id`,
      ids,
    ),
  ]);
  return articles.map((article) => {
    const rating = ratings.find((row) => row.article_id === article.id);
    return {
      headline: article.headline,
      people: people.filter((row) => row.article_id === article.id).map((row) => ({ name: row.name })),
      quotes: quotes
        .filter((row) => row.article_id === article.id)
        .map((row) => ({ text: row.text, speaker: row.speaker ? { name: row.speaker } : null })),
      rating: { votes: rating?.votes ?? 0, average: rating?.average ?? null },
    };
  });
}

http
  .createServer((_req, res) => {
    page(20).then(
      (body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { articles: { edges: body.map((node) => ({ node })) } } }));
      },
      (error) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  })
  .listen(Number(portText), '127.0.0.1', () => process.send?.('ready'));

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';

const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'import.cli.js');
const ARTICLES = 60;
/** Kill the import once this many articles are committed (of 60, ~10 ms apiece): well inside the run. */
const KILL_AFTER = 5;

const TOWNS = [
  'Ashford',
  'Brampton',
  'Carlow',
  'Dunmore',
  'Elmwood',
  'Fairhaven',
  'Glenrock',
  'Harwick',
  'Ivybridge',
  'Jarrow',
  'Kelso',
  'Linfield',
];
const PLANS = ['Flood Defence', 'Bus Network', 'Library', 'Housing', 'Harbour', 'School Meals'];
const OFFICIALS = [
  'Teresa Okonkwo',
  'Malcolm Reyes',
  'Dana Whitfield',
  'Priya Raman',
  'Graham Ashworth',
  'Fiona McAllister',
  'Samuel Oduya',
  'Margaret Ellis',
];
const MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June'];

/** Wire-style copy for article `index`: a distinct headline, a date line, people and attributed quotes. */
function generatedCopy(index: number): string {
  const town = TOWNS[index % TOWNS.length];
  const plan = PLANS[index % PLANS.length];
  const mayor = OFFICIALS[index % OFFICIALS.length];
  const critic = OFFICIALS[(index + 3) % OFFICIALS.length];
  const resident = OFFICIALS[(index + 5) % OFFICIALS.length];
  const surname = (name: string) => name.split(' ').pop();
  const paragraphs = [
    `${town} Council Approves ${plan} Plan After ${index + 2}-Hour Debate`,
    `${MONTHS[index % MONTHS.length]} ${1 + (index % 27)}, 2026 ${1 + (index % 11)}:${String(index % 60).padStart(2, '0')} a.m. EST`,
    `${town.toUpperCase()} (Newswire) — The ${town} council voted on Tuesday to approve a ${plan.toLowerCase()} plan worth ${index + 3} million dollars, ending months of argument over how the money should be spent.`,
    `"We have waited long enough for this, and the people of ${town} deserve better," said ${mayor}, the mayor of ${town}. "Work will start before the summer."`,
    `Opposition councillor ${critic} said the plan was rushed. "Nobody has seen the final costs, and the residents will pay for that mistake," ${surname(critic)} told reporters outside the town hall.`,
    `The council will publish the full budget for item ${index} next month, and a public meeting is planned for the spring.`,
  ];
  // Every other article has a third speaker, so articles differ in how many rows they own.
  if (index % 2 === 1)
    paragraphs.push(
      `${resident}, who has lived in ${town} for ${20 + index} years, said: "This is the best news we have had in a decade."`,
    );
  paragraphs.push(
    `${surname(mayor)} said the council would "listen to every resident who comes forward" before the first contracts are signed.`,
  );
  return paragraphs.join('\n\n');
}

function runImport(folder: string, databaseFile: string) {
  const child = spawn(process.execPath, [CLI, folder], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${databaseFile}` } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exited };
}

function open(file: string, mode = sqlite3.OPEN_READWRITE): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (error) => (error ? reject(error) : resolve(db)));
  });
}
function all<T = any>(db: sqlite3.Database, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(sql, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
}
function run(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, (error) => (error ? reject(error) : resolve())));
}
function close(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
}

/** Everything an import writes for each article, keyed by slug: the article, its people and its quotes in order. */
async function articlesBySlug(file: string): Promise<Map<string, unknown>> {
  const db = await open(file);
  try {
    const articles = await all(db, 'SELECT id, slug, headline, section, body, published_at FROM article ORDER BY id');
    const mentions = await all(
      db,
      'SELECT m.article_id, p.name, m.role, m.position FROM mention m JOIN person p ON p.id = m.person_id ORDER BY m.article_id, m.position',
    );
    const quotes = await all(
      db,
      'SELECT q.article_id, q.text, s.name AS speaker, q.attribution, q.paragraph_index, q.position FROM quote q LEFT JOIN person s ON s.id = q.speaker_id ORDER BY q.article_id, q.position',
    );
    return new Map(
      articles.map(({ id, ...article }) => [
        article.slug,
        {
          ...article,
          people: mentions.filter((row) => row.article_id === id).map(({ article_id: _, ...row }) => row),
          quotes: quotes.filter((row) => row.article_id === id).map(({ article_id: _, ...row }) => row),
        },
      ]),
    );
  } finally {
    await close(db);
  }
}

/** The compiled import CLI killed with SIGKILL half-way through a folder. */
describe('an import killed mid-way', () => {
  let dir: string;
  let folder: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-import-crash-'));
    folder = path.join(dir, 'copy');
    fs.mkdirSync(folder);
    for (let index = 0; index < ARTICLES; index += 1)
      fs.writeFileSync(path.join(folder, `story-${String(index).padStart(3, '0')}.txt`), generatedCopy(index));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('leaves every article whole or absent, and a sound database', async () => {
    // What a clean import of the same folder stores, article by article.
    const cleanFile = path.join(dir, 'clean.sqlite');
    const clean = await runImport(folder, cleanFile).exited;
    expect(clean.stdout).toContain(`${ARTICLES} imported (${ARTICLES} created, 0 updated), 0 failed`);
    const expected = await articlesBySlug(cleanFile);
    expect(expected.size).toBe(ARTICLES);

    const crashFile = path.join(dir, 'crash.sqlite');
    const crash = runImport(folder, crashFile);
    // Watch the article count through a read-only connection; kill once some (not all) are in.
    let watcher: sqlite3.Database | null = null;
    let stored = 0;
    const deadline = Date.now() + 15_000;
    try {
      while (stored < KILL_AFTER) {
        if (Date.now() > deadline) throw new Error(`the import never stored ${KILL_AFTER} articles`);
        if (crash.child.exitCode !== null) throw new Error('the import finished before it could be killed');
        await new Promise((resolve) => setTimeout(resolve, 3));
        try {
          if (!watcher && fs.existsSync(crashFile)) watcher = await open(crashFile, sqlite3.OPEN_READONLY);
          if (watcher) stored = (await all<{ n: number }>(watcher, 'SELECT COUNT(*) AS n FROM article'))[0].n;
        } catch {
          // The file or its tables are still being created.
        }
      }
      crash.child.kill('SIGKILL');
    } finally {
      if (watcher) await close(watcher);
    }
    const { signal } = await crash.exited;
    expect(signal).toBe('SIGKILL');

    const db = await open(crashFile);
    try {
      expect(await all(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(await all(db, 'PRAGMA foreign_key_check')).toEqual([]);
      // The search index still matches its tables (throws SQLITE_CORRUPT_VTAB otherwise).
      for (const fts of ['article_fts', 'quote_fts', 'person_fts']) await run(db, `INSERT INTO ${fts}(${fts}) VALUES ('integrity-check')`);
      // Nothing of an absent article: no quote, mention or person without its article.
      expect(await all(db, 'SELECT COUNT(*) AS n FROM quote WHERE article_id NOT IN (SELECT id FROM article)')).toEqual([{ n: 0 }]);
      expect(await all(db, 'SELECT COUNT(*) AS n FROM mention WHERE article_id NOT IN (SELECT id FROM article)')).toEqual([{ n: 0 }]);
      expect(await all(db, 'SELECT COUNT(*) AS n FROM person WHERE id NOT IN (SELECT person_id FROM mention)')).toEqual([{ n: 0 }]);
    } finally {
      await close(db);
    }

    const survived = await articlesBySlug(crashFile);
    expect(survived.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(survived.size).toBeLessThan(ARTICLES);
    // Every stored article is exactly what a clean import stores, people and quotes included.
    for (const [slug, article] of survived) expect(article).toEqual(expected.get(slug));

    // The database carries on: importing the folder again completes it.
    const rerun = await runImport(folder, crashFile).exited;
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`${ARTICLES} imported (${ARTICLES - survived.size} created, ${survived.size} updated), 0 failed`);
    const completed = await articlesBySlug(crashFile);
    expect(completed.size).toBe(ARTICLES);
    for (const [slug, article] of completed) expect(article).toEqual(expected.get(slug));
  }, 20_000);
});

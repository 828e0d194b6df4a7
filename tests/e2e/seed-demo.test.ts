import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { demoPeople, demoStories } from '../../src/cli/demo-archive';
import { writeDemoArchive } from '../../src/cli/demo-archive.writer';
import { openDatabase } from '../../src/db/data-source';
import { entities } from '../../src/modules/entities';

const run = promisify(execFile);
const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'seed-demo.cli.js');

describe('the demo archive (npm run seed:demo)', () => {
  let dir: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-demo-'));
    dataSource = await openDatabase({ type: 'sqlite', database: path.join(dir, 'demo.sqlite') }, entities);
  });
  afterAll(async () => {
    await dataSource.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is the same for the same seed, and different for another', () => {
    const first = [...demoStories({ articles: 50, seed: 4 }, demoPeople({ articles: 50, people: 300, seed: 4 }))];
    const again = [...demoStories({ articles: 50, seed: 4 }, demoPeople({ articles: 50, people: 300, seed: 4 }))];
    const other = [...demoStories({ articles: 50, seed: 5 }, demoPeople({ articles: 50, people: 300, seed: 5 }))];
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(first));
  });

  it('writes articles with about 5 mentions, 3 quotes and 10 votes each, a long tail of people, and exact tallies', async () => {
    const counts = await writeDemoArchive(dataSource, { articles: 2_000, seed: 2 });
    expect(counts.articles).toBe(2_000);
    expect(counts.mentions / counts.articles).toBeGreaterThan(4.5);
    expect(counts.mentions / counts.articles).toBeLessThan(5.5);
    expect(counts.quotes / counts.articles).toBeGreaterThan(2.5);
    expect(counts.quotes / counts.articles).toBeLessThan(3.5);
    expect(counts.votes / counts.articles).toBeGreaterThan(8);
    expect(counts.votes / counts.articles).toBeLessThan(12);
    const [{ n: stored }] = await dataSource.query('SELECT COUNT(*) AS n FROM article');
    expect(stored).toBe(2_000);
    // Long-tailed: the most named person appears in far more articles than the median one.
    const perPerson: { n: number }[] = await dataSource.query('SELECT COUNT(*) AS n FROM mention GROUP BY person_id ORDER BY n DESC');
    expect(perPerson[0].n).toBeGreaterThan(10 * perPerson[Math.floor(perPerson.length / 2)].n);
    // Sections and years spread out.
    expect((await dataSource.query('SELECT DISTINCT section FROM article')).length).toBeGreaterThanOrEqual(8);
    const years: { y: string }[] = await dataSource.query('SELECT DISTINCT substr(published_at, 1, 4) AS y FROM article');
    expect(years.length).toBeGreaterThanOrEqual(10);
    // Votes went through the gateway's own write: the tallies equal the votes.
    const [{ n: mismatched }] = await dataSource.query(`SELECT COUNT(*) AS n FROM (
      SELECT article_id, COUNT(*) AS votes, SUM(stars) AS star_sum FROM vote GROUP BY article_id) counted
      LEFT JOIN article_rating kept ON kept.article_id = counted.article_id
      WHERE kept.votes IS NOT counted.votes OR kept.star_sum IS NOT counted.star_sum`);
    expect(mismatched).toBe(0);
  }, 60_000);

  it('refuses a database that already holds articles, naming it, with a non-zero exit', async () => {
    const file = path.join(dir, 'demo.sqlite');
    const failure = await run('node', [CLI, '--articles', '10'], { env: { ...process.env, DATABASE_URL: `sqlite:${file}` } }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(`${file} already holds 2000 articles`);
    const usage = await run('node', [CLI, '--articles', 'ten'], { env: { ...process.env, DATABASE_URL: `sqlite:${file}` } }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(usage?.code).toBe(2);
    expect(usage?.stderr).toContain('--articles must be a whole number');
  });
});

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { AppConfig } from '../../src/config';
import { importShapes } from '../support/import-shapes';
import { describeOnPostgres, newTestDatabase, startTestGateway } from '../support/test-gateway';

const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'import.cli.js');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import');

function runImport(
  args: string[],
  databaseUrl: string,
  stdin?: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** `npm run import` (the compiled CLI) against a real database: a new file, or a new PostgreSQL database in that project. */
describe('the import CLI', () => {
  let dir: string;
  let databaseFile: string;
  let database: AppConfig['database'];
  let databaseUrl: string;
  let dropDatabase: () => Promise<void>;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-cli-'));
    ({ database, url: databaseUrl, file: databaseFile, drop: dropDatabase } = await newTestDatabase(dir));
  });
  afterEach(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await dropDatabase();
  });

  /** Whether anything was made of the database: the file, or the tables of the (already created) PostgreSQL one. */
  async function databaseMade(): Promise<boolean> {
    if (database.type !== 'postgres') return fs.existsSync(databaseFile);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT COUNT(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'`);
      return rows[0].tables > 0;
    } finally {
      await client.end();
    }
  }

  async function articleSlugs(): Promise<string[]> {
    const server = await startTestGateway({ database, seed: false });
    try {
      const { articles } = await server.data('{ articles(first: 100) { edges { node { slug } } } }');
      return articles.edges.map((edge: any) => edge.node.slug).sort();
    } finally {
      await server.close();
    }
  }

  it('imports one file into a new database, printing its slug, people and quotes', async () => {
    const result = await runImport([path.join(FIXTURES, 'wire-port-strike.txt')], databaseUrl);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^created {2}dockworkers-extend-strike-as-talks-stall-at-harbor-authority {2}\(4 people, 6 quotes\)/m);
    expect(result.stdout.trim().split('\n').pop()).toBe('1 imported (1 created, 0 updated), 0 failed');
    expect(await articleSlugs()).toEqual(['dockworkers-extend-strike-as-talks-stall-at-harbor-authority']);
  });

  it('imports a folder past a bad file, names the file and the problem, and exits non-zero', async () => {
    const folder = path.join(dir, 'copy');
    fs.mkdirSync(folder);
    fs.copyFileSync(path.join(FIXTURES, 'science-according-to.txt'), path.join(folder, 'a-reefs.txt'));
    fs.writeFileSync(path.join(folder, 'b-broken.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x00]));
    fs.copyFileSync(path.join(FIXTURES, 'crime-court-report.txt'), path.join(folder, 'c-court.txt'));
    fs.writeFileSync(path.join(folder, 'notes.md'), 'not copy');

    const result = await runImport([folder], databaseUrl);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`failed   ${path.join(folder, 'b-broken.txt')}: `);
    expect(result.stderr).toMatch(/b-broken\.txt: .*(binary|UTF-8)/);
    expect(result.stdout).toContain('2 imported (2 created, 0 updated), 1 failed');
    expect(await articleSlugs()).toEqual([
      'man-jailed-for-12-years-over-riverside-stabbing',
      'study-finds-coral-reefs-recovering-faster-than-expected-in-eastern-pacific',
    ]);
  });

  it('reads standard input with "-" and updates on re-import', async () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'ap-senate-vote.txt'), 'utf8');
    expect((await runImport(['-'], databaseUrl, text)).stdout).toMatch(/^created {2}senate-passes-stopgap-bill/m);
    const again = await runImport(['-'], databaseUrl, text);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^updated {2}senate-passes-stopgap-bill-hours-before-shutdown-deadline .* <stdin>$/m);
    expect(await articleSlugs()).toHaveLength(1);
  });

  it('reports a missing path and empty input with non-zero exit', async () => {
    const missing = await runImport([path.join(dir, 'nope.txt')], databaseUrl);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${path.join(dir, 'nope.txt')}: no such file or folder`);
    const empty = await runImport(['-'], databaseUrl, '  \n');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('<stdin>: The text is empty.');
  });

  it('stops a file whose extraction runs past IMPORT_TIMEOUT_MS, names it, imports the rest, and exits non-zero', async () => {
    const folder = path.join(dir, 'copy');
    fs.mkdirSync(folder);
    fs.copyFileSync(path.join(FIXTURES, 'wire-port-strike.txt'), path.join(folder, 'a-strike.txt'));
    // About 2.6 s of extraction (the largest article accepted), against a 1 s budget.
    fs.writeFileSync(
      path.join(folder, 'b-index.txt'),
      importShapes.find((shape) => shape.name === 'one long list of names')!.build(1024 * 1024),
    );
    fs.copyFileSync(path.join(FIXTURES, 'crime-court-report.txt'), path.join(folder, 'c-court.txt'));

    const result = await runImport([folder], databaseUrl, undefined, { IMPORT_TIMEOUT_MS: '1000' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `failed   ${path.join(folder, 'b-index.txt')}: extraction took longer than 1000 ms (IMPORT_TIMEOUT_MS) and was stopped; nothing was stored`,
    );
    expect(result.stdout.trim().split('\n').pop()).toBe('2 imported (2 created, 0 updated), 1 failed');
    expect(await articleSlugs()).toHaveLength(2);
  });

  it('explains its usage when given nothing to import', async () => {
    const result = await runImport([], databaseUrl);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Usage: npm run import/);
  });

  it.each([
    [['--sectoin', 'World', 'story.txt'], /Unknown option '--sectoin'/],
    [['--section'], /--section/],
    [['--section', ' ', 'story.txt'], /--section needs a name/],
    [[], /name at least one file, folder or -/],
  ])('refuses the arguments %j with a usage message and exit code 2', async (args, message) => {
    const result = await runImport(args, databaseUrl);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/Usage: npm run import/);
    expect(await databaseMade()).toBe(false);
  });
});

// Gateways on PostgreSQL hear what the CLI imported, as they hear each other (src/server/shared-events.ts).
describeOnPostgres('the import CLI beside running gateways', () => {
  it("evicts what the gateways' response caches hold of the lists an imported article enters", async () => {
    const gateway = await startTestGateway();
    try {
      const list = '{ articles(first: 50) { totalCount edges { node { slug } } } }';
      const before = (await gateway.data(list)).articles.totalCount as number;
      await gateway.data(list);
      const hits = gateway.gateway.responseCache!.hits;
      await gateway.data(list);
      expect(gateway.gateway.responseCache!.hits).toBe(hits + 1);
      if (gateway.database.type !== 'postgres') throw new Error('PostgreSQL only');
      const result = await runImport([path.join(FIXTURES, 'wire-port-strike.txt')], gateway.database.url);
      expect(result.code).toBe(0);
      const after = await gateway.data(list);
      expect(after.articles.totalCount).toBe(before + 1);
      expect(after.articles.edges.map((edge: { node: { slug: string } }) => edge.node.slug)).toContain(
        'dockworkers-extend-strike-as-talks-stall-at-harbor-authority',
      );
    } finally {
      await gateway.close();
    }
  });
});

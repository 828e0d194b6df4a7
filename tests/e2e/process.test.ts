import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { hashVoter, voterKey } from '../../src/modules/rating/voter';
import { runServerToExit, startServerProcess } from '../support/server-process';
import { newTestDatabase, startTestGateway } from '../support/test-gateway';

/** The compiled server as its own process: start-up checks, shutdown, and a crash mid-vote. */
describe('the server process', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-process-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://db/news'],
    ['LOG_LEVEL', 'chatty'],
  ])('refuses to start with an invalid %s and names it', async (variable, value) => {
    const { code, stderr } = await runServerToExit({ DATABASE_URL: `sqlite:${dir}/db.sqlite`, [variable]: value });
    expect(code).not.toBe(0);
    expect(stderr).toContain(variable);
    expect(fs.existsSync(path.join(dir, 'db.sqlite'))).toBe(false);
  });

  it('creates the database folder, migrates and seeds it, and stops cleanly on SIGTERM', async () => {
    const file = path.join(dir, 'nested', 'folder', 'newsgate.sqlite');
    const server = await startServerProcess({ DATABASE_URL: `sqlite:${file}` });
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles { totalCount } }' }),
    });
    expect(await response.json()).toEqual({ data: { articles: { totalCount: 1 } } });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('stops with its npm script on SIGTERM: npm run start:prod leaves no server running behind it', async () => {
    const file = path.join(dir, 'newsgate.sqlite');
    const npm = path.join(path.dirname(process.execPath), 'npm');
    const server = await startServerProcess({ DATABASE_URL: `sqlite:${file}` }, [], { file: npm, args: ['run', '--silent', 'start:prod'] });
    // Everything npm started, so that a server left behind is stopped even when the test fails.
    const descendants = (pid: number): number[] =>
      // ps exits 1 when the process has no children: its output is what counts.
      spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter((line) => line.trim() !== '')
        .flatMap((line) => [Number(line), ...descendants(Number(line))]);
    let started: number[] = [];
    try {
      started = descendants(server.child.pid!);
      expect((await fetch(server.url.replace('/graphql', '/healthz'))).status).toBe(200);
      // The signal goes to npm, as a process manager or a terminal sends it; the script execs node, so node gets it too.
      server.child.kill('SIGTERM');
      await server.exited;
      await expect(fetch(server.url.replace('/graphql', '/healthz'))).rejects.toThrow();
    } finally {
      for (const pid of started) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  });

  it('keeps every acknowledged vote, and no half-written one, when killed mid-load', async () => {
    // A file, or a PostgreSQL database in that project: both must keep what they acknowledged.
    const target = await newTestDatabase(dir);
    // Thousands of voter ids from one address: the per-address vote limits are switched off here (see vote-limits.test.ts).
    const salt = 'process-test-salt-0123456789';
    const server = await startServerProcess({
      DATABASE_URL: target.url,
      NEW_VOTERS_PER_HOUR: '0',
      VOTES_PER_MINUTE: '0',
      VOTER_SALT: salt,
    });
    const post = (body: object, headers: Record<string, string> = {}) =>
      fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const first = (await (await post({ query: '{ articles(first: 1) { edges { node { id } } } }' })).json()) as any;
    const articleId = first.data.articles.edges[0].node.id;

    let sent = 0;
    let acknowledged = 0;
    const acknowledgedVoters: { voter: string; stars: number }[] = [];
    let killed = false;
    const voteLoop = async (worker: number) => {
      for (let index = 0; !killed && index < 2000; index += 1) {
        sent += 1;
        try {
          const response = await post(
            {
              query: 'mutation($input: RateArticleInput!) { rateArticle(input: $input) { rating { votes } } }',
              variables: { input: { articleId, stars: 1 + (index % 5) } },
            },
            { 'x-voter-id': `crash-voter-${worker}-${index}` },
          );
          const body = (await response.json()) as any;
          if (!body.errors) {
            acknowledged += 1;
            acknowledgedVoters.push({ voter: `crash-voter-${worker}-${index}`, stars: 1 + (index % 5) });
          }
        } catch {
          // The connection died with the server: this vote may or may not have been stored.
        }
      }
    };
    const loops = Array.from({ length: 8 }, (_, worker) => voteLoop(worker));
    while (acknowledged < 150) await new Promise((resolve) => setTimeout(resolve, 5));
    server.child.kill('SIGKILL');
    killed = true;
    await Promise.all(loops);
    await server.exited;

    const reopened = await startTestGateway({ database: target.database });
    try {
      // SQLite's check of the file the killed process was writing (on PostgreSQL the server, not killed, owns the files).
      const integrity =
        target.database.type === 'sqlite' ? (await reopened.gateway.dataSource.query('PRAGMA integrity_check'))[0].integrity_check : 'ok';
      expect(integrity).toBe('ok');
      const { node } = await reopened.data(`query($id: ID!) { node(id: $id) { ... on Article { rating { votes histogram } } } }`, {
        id: articleId,
      });
      expect(node.rating.votes).toBeGreaterThanOrEqual(acknowledged);
      expect(node.rating.votes).toBeLessThanOrEqual(sent);
      expect(node.rating.histogram.reduce((sum: number, count: number) => sum + count, 0)).toBe(node.rating.votes);
      // Not just the count: every acknowledged voter's own vote is there, with the stars it sent.
      const rows: { voter_hash: string; stars: number }[] = await reopened.gateway.dataSource.query('SELECT voter_hash, stars FROM vote');
      const stored = new Map(rows.map((row) => [row.voter_hash, row.stars]));
      const missing = acknowledgedVoters.filter(({ voter, stars }) => stored.get(hashVoter(salt, voterKey({ token: voter }))) !== stars);
      expect(missing).toEqual([]);
    } finally {
      await reopened.close();
      await target.drop();
    }
  });

  it('on SIGTERM stops accepting, waits for in-flight requests only up to SHUTDOWN_GRACE_MS, then exits', async () => {
    const server = await startServerProcess({ DATABASE_URL: `sqlite:${path.join(dir, 'newsgate.sqlite')}`, SHUTDOWN_GRACE_MS: '1000' });
    const { port, hostname } = new URL(server.url);
    // A request that never finishes: headers promise a body that never comes.
    const stalled = net.connect(Number(port), hostname);
    await new Promise((resolve) => stalled.once('connect', resolve));
    stalled.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
    stalled.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // No longer accepting: a new request is refused while the stalled one is still waited for.
    await expect(fetch(server.url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    expect(await server.exited).toBe(0);
    const waitedMs = Date.now() - signalledAt;
    // It waited for the grace period (the stalled request), and not forever.
    expect(waitedMs).toBeGreaterThanOrEqual(900);
    expect(stalled.destroyed || stalled.readableEnded).toBe(true);
    stalled.destroy();
  });

  it('on SIGTERM lets a request already in flight finish and answer', async () => {
    const editorKey = 'process-test-editor-key-0123';
    const server = await startServerProcess({
      DATABASE_URL: `sqlite:${path.join(dir, 'newsgate.sqlite')}`,
      NEWSGATE_EDITOR_KEYS: editorKey,
    });
    // A preview of a long article: long enough to be in flight when the signal arrives.
    const paragraphs = Array.from(
      { length: 1500 },
      (_, i) => `Paragraph ${i}: "We will rebuild the pier," said Mayor Alma Reyes, who spoke on Monday.`,
    );
    const text = `Pier Works Begin\n\nJan. 30, 2026\n\n${paragraphs.join('\n\n')}`;
    const inFlight = fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editorKey}` },
      body: JSON.stringify({
        query: 'query($input: ImportArticleInput!) { previewImport(input: $input) { headline } }',
        variables: { input: { text } },
      }),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).data.previewImport.headline).toBe('Pier Works Begin');
    expect(await server.exited).toBe(0);
  });
});

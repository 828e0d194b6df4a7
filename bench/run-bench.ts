/**
 * `npm run bench` (issue #10): for demo archives of 1,000 and 100,000 articles (built once by the
 * seed:demo generator into data/bench/ and reused), starts three servers on loopback — the gateway
 * with its response cache off, the gateway with it on (the default), and the plain-SQL baseline —
 * and drives each read with autocannon at 32 connections after a warm-up, interleaving gateway
 * and baseline runs: the front page, an article page, a search and a person page, uncached and
 * cached; then BENCH_VOTES rateArticle calls from distinct voters, checking the tally after.
 *
 * PostgreSQL (issue #12; BENCH_POSTGRES=0 skips it, and it is skipped with one printed line when
 * PostgreSQL is not installed): a throwaway cluster (tests/support/postgres-server.ts, stopped
 * however the bench ends) gets the same archive, written by the same generator into a database
 * per archive (bench/postgres.ts), and four more gateways run on that one database, started like
 * the SQLite ones with DATABASE_URL=postgres://…: two uncached, two cached, all with the same
 * editor key and VOTER_SALT. After the SQLite runs of each read come "PostgreSQL" (one gateway,
 * 32 connections) and "PostgreSQL ×2" (one autocannon instance given both gateways' URLs: its 32
 * connections alternate between them, 16 each, so requests/s is the two gateways' total and p50
 * and p99 come from one merged histogram of every request). The votes run once through the
 * cached gateway and once split across both cached gateways (16 connections each); after each,
 * the database itself must hold exactly the votes acknowledged, in vote rows and in tallies.
 *
 * Prints a table (requests/s, p50, p99, ratio to the SQLite baseline), the votes, the gateways'
 * peak RSS, and writes bench/results.json. Then (BENCH_ISOLATION=0 skips it) issue #13's
 * readers-during-imports run and extraction times, on SQLite.
 *   BENCH_SECONDS (default 10) per run, BENCH_ARCHIVES (default "1000,100000"), BENCH_VOTES (20000),
 *   BENCH_RESULTS (default bench/results.json), BENCH_DRIVER (sqlite3 or better-sqlite3, for the
 *   SQLite gateways), BENCH_POSTGRES (0: SQLite only).
 */
import '../src/utc-process';
import 'reflect-metadata';
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { migrations } from '../migrations';
import { writeDemoArchive } from '../src/cli/demo-archive.writer';
import { openDatabase } from '../src/db/data-source';
import { entities } from '../src/modules/entities';
import { loadArchive } from '../tests/support/archive';
import { extractionTimes, readersDuringImports } from './import-isolation';
import { type BenchCluster, dropPostgresArchive, loadPostgresArchive, startBenchCluster, storedVotes } from './postgres';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const CONNECTIONS = 32;
const ARCHIVES = (process.env.BENCH_ARCHIVES ?? '1000,100000').split(',').map(Number);
const VOTES = Number(process.env.BENCH_VOTES ?? 20_000);
const ISOLATION = process.env.BENCH_ISOLATION !== '0';
/** The SQLite driver the gateways run on (the baseline stays on sqlite3). */
const DRIVER = process.env.BENCH_DRIVER ?? 'sqlite3';
const IMPORTS = Number(process.env.BENCH_IMPORTS ?? 200);
const EDITOR_KEY = 'bench-editor-key-0123456789';
/** Gateways on one PostgreSQL database hash voters alike (it would otherwise be made once and kept in the database). */
const VOTER_SALT = 'bench-voter-salt-0123456789';
const ROOT = path.join(__dirname, '..', '..');

const FRONT_PAGE = `{ articles(first: 20) { edges { node { id slug headline section publishedAt standfirst image { url credit } people { name } rating { votes average } } } } }`;
const ARTICLE_PAGE = `query($slug: String!) { article(slug: $slug) { id headline section publishedAt body image { url credit caption }
  people { id name description } quotes { text attribution speaker { name } } rating { votes average histogram }
  relatedArticles(first: 5) { slug headline } } }`;
const SEARCH = `query($q: String!) { search(query: $q, first: 10) { edges { node { score snippet hit { __typename
  ... on Article { headline } ... on Person { name } ... on Quote { text } } } } } }`;
const PERSON_PAGE = `query($slug: String!) { person(slug: $slug) { name description
  articles(first: 20) { edges { node { headline publishedAt } } }
  quotes(first: 20) { edges { node { text article { headline } } } } } }`;

/** Every server this process started and has not seen exit: stopped before the PostgreSQL cluster, whatever happens. */
const children = new Set<ChildProcess>();

function stopChildren() {
  for (const child of children) child.kill('SIGTERM');
}

function start(script: string, args: string[], env: Record<string, string>, health: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.add(child);
    child.on('exit', () => children.delete(child));
    child.once('error', reject);
    // Once it answers, the promise is settled and this is a no-op.
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    const started = Date.now();
    const poll = async () => {
      try {
        if ((await fetch(health)).ok) return resolve(child);
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 60_000) return reject(new Error(`${script} did not start`));
      setTimeout(poll, 100);
    };
    void poll();
  });
}

/** Resident set size of a process, in MiB (Linux). */
function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Builds the demo archive once (data/bench/), then reuses it until the schema has a newer migration. */
async function archive(articles: number): Promise<string> {
  const dir = path.join(ROOT, 'data', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `demo-${articles}-seed1.sqlite`);
  // The marker holds the schema's last migration: an archive of an older schema is built again.
  const done = `${file}.complete`;
  const schema = migrations[migrations.length - 1].name;
  if (fs.existsSync(file) && fs.existsSync(done) && fs.readFileSync(done, 'utf8') === schema) return file;
  for (const suffix of ['', '-wal', '-shm', '.complete']) fs.rmSync(`${file}${suffix}`, { force: true });
  const started = Date.now();
  const dataSource = await openDatabase({ type: 'sqlite', database: file }, entities);
  try {
    const counts = await writeDemoArchive(dataSource, { articles, seed: 1 });
    console.log(JSON.stringify({ builtArchive: counts, seconds: Math.round((Date.now() - started) / 100) / 10 }));
  } finally {
    await dataSource.destroy();
  }
  fs.writeFileSync(done, schema);
  return file;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench reads a few known fields of its own queries
type BenchData = Record<string, any>;

type Server = 'baseline' | 'uncached' | 'cached';
/** The database the gateways of a run read (the baseline reads the SQLite file). */
type Engine = 'SQLite' | 'PostgreSQL';

interface Run {
  archive: number;
  read: string;
  server: Server;
  engine: Engine;
  /** Gateways on the one database, driven at once by one autocannon (its connections alternate between them). */
  gateways: number;
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  errors: number;
  /** With several gateways: GraphQL requests each answered in the measured run (its /metrics). */
  perGateway?: number[];
}

interface VoteLine {
  archive: number;
  read: 'rateArticle';
  engine: Engine;
  gateways: number;
  votesPerSecond: number;
  p50ms: number;
  p99ms: number;
  acknowledged: number;
  stored: number;
  exact: boolean;
  /** PostgreSQL: what the articles' tally rows grew by (`stored` counts vote rows there). */
  tallied?: number;
  perGateway?: number[];
}

/** A row's name in the table: "uncached", or "uncached, PostgreSQL", "uncached, PostgreSQL ×2". */
function label({ server, engine, gateways }: { server: string; engine: Engine; gateways: number }): string {
  return engine === 'SQLite' ? server : `${server}, PostgreSQL${gateways > 1 ? ` ×${gateways}` : ''}`;
}

async function graphqlAt(url: string, query: string, variables?: Record<string, unknown>): Promise<{ data: BenchData; errors?: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: BenchData; errors?: unknown };
}

/** GraphQL requests a gateway has answered so far (newsgate_graphql_requests_total, all labels). */
async function requestsAnswered(graphqlUrl: string): Promise<number> {
  const text = await (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();
  return text
    .split('\n')
    .filter((line) => /^newsgate_graphql_requests_total[{ ]/.test(line))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** Runs `work` and returns what each gateway answered meanwhile (counted only for several gateways). */
async function perGateway<T>(urls: string | string[], work: () => Promise<T>): Promise<{ result: T; perGateway?: number[] }> {
  if (!Array.isArray(urls)) return { result: await work() };
  const before = await Promise.all(urls.map(requestsAnswered));
  const result = await work();
  const after = await Promise.all(urls.map(requestsAnswered));
  return { result, perGateway: after.map((count, index) => count - before[index]) };
}

/**
 * Warm-up, then the measured run. Several URLs (autocannon takes an array, which its types do not
 * say): connection i goes to url[i % n], and every response lands in one histogram.
 */
async function drive(url: string | string[], body: string | undefined): Promise<{ result: autocannon.Result; perGateway?: number[] }> {
  const options = (body ? { url, method: 'POST', headers: { 'content-type': 'application/json' }, body } : { url }) as autocannon.Options;
  await autocannon({ ...options, connections: CONNECTIONS, duration: WARMUP_SECONDS });
  return perGateway(url, () => autocannon({ ...options, connections: CONNECTIONS, duration: SECONDS }));
}

/**
 * VOTES rateArticle calls from distinct voters (`voterPrefix` + a number) over the target articles,
 * through one gateway or split across several by connection. Votes/s are timed from the first
 * request to the last response: autocannon ends a fixed-amount run at its next one-second tick and
 * reports that as the duration (a run of 9.1 s reads 10.01).
 */
async function voteRun(url: string | string[], targets: readonly string[], voterPrefix: string) {
  let voter = 0;
  let acknowledged = 0;
  const votingStarted = performance.now();
  let lastResponse = votingStarted;
  const result = await autocannon({
    url: url as string,
    connections: CONNECTIONS,
    amount: VOTES,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          voter += 1;
          return {
            ...request,
            headers: { 'content-type': 'application/json', 'x-voter-id': `${voterPrefix}-${voter}` },
            body: JSON.stringify({
              query: 'mutation($input: RateArticleInput!) { rateArticle(input: $input) { rating { votes } } }',
              variables: { input: { articleId: targets[voter % targets.length], stars: (voter % 5) + 1 } },
            }),
          };
        },
        // GraphQL reports failures with status 200 too: count only votes the server confirmed.
        onResponse: (status, body) => {
          if (status === 200 && !body.includes('"errors"')) acknowledged += 1;
          lastResponse = performance.now();
        },
      },
    ],
  });
  return { acknowledged, votesPerSecond: Math.round(acknowledged / ((lastResponse - votingStarted) / 1000)), result };
}

/** The numeric id in an Article's global id (base64url of "Article:<id>"). */
function numericId(globalId: string): number {
  return Number(Buffer.from(globalId, 'base64url').toString().split(':')[1]);
}

interface Collected {
  runs: Run[];
  votes: VoteLine[];
  peakRss: Record<string, number>;
  postgresArchives: { articles: number; loadSeconds: number }[];
}

async function main() {
  console.log(
    JSON.stringify({
      seconds: SECONDS,
      connections: CONNECTIONS,
      node: process.version,
      cpus: os.cpus().length,
      archives: ARCHIVES,
      driver: DRIVER,
    }),
  );
  const collected: Collected = { runs: [], votes: [], peakRss: {}, postgresArchives: [] };
  const { runs, votes, peakRss } = collected;
  // Voter ids unique to this run, so its votes are new votes even on an archive earlier runs voted on.
  const runId = Date.now().toString(36);
  const cluster = await startBenchCluster(stopChildren);
  if (cluster) console.log(JSON.stringify({ postgres: cluster.version, cluster: cluster.dir }));
  try {
    for (const articles of ARCHIVES) await benchArchive(articles, cluster, runId, collected);
  } finally {
    stopChildren();
    cluster?.stop();
  }

  const baselineOf = (run: Run) =>
    runs.find((other) => other.archive === run.archive && other.read === run.read && other.server === 'baseline');
  console.log('\n| Archive | Read | Server | Requests/s | p50 | p99 | Ratio to baseline |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const run of runs) {
    const baseline = baselineOf(run);
    const ratio = baseline && run.server !== 'baseline' ? `${(run.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}×` : '';
    console.log(
      `| ${run.archive.toLocaleString('en')} | ${run.read} | ${label(run)} | ${run.requestsPerSecond.toLocaleString('en')} | ${run.p50ms} ms | ${run.p99ms} ms | ${ratio} |`,
    );
  }
  console.log(
    `\n| Votes (\`rateArticle\`, ${VOTES.toLocaleString('en')} distinct voters, ${CONNECTIONS} connections) | Votes/s | p50 | p99 | Exact tallies |`,
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const line of votes) {
    const server = line.engine === 'SQLite' ? '' : `, PostgreSQL${line.gateways > 1 ? ` ×${line.gateways}` : ''}`;
    console.log(
      `| ${line.archive.toLocaleString('en')} articles${server} | ${line.votesPerSecond.toLocaleString('en')} | ${line.p50ms} ms | ${line.p99ms} ms | ` +
        `${line.acknowledged.toLocaleString('en')} acknowledged, ${line.stored.toLocaleString('en')} stored${line.exact ? '' : ' (NOT EXACT)'} |`,
    );
  }
  const growthOf = (engine: Engine) => {
    const uncached = runs.filter((run) => run.engine === engine && run.gateways === 1 && run.server === 'uncached');
    const growth = ['front page', 'article page', 'person page'].map((read) => {
      const small = uncached.find((run) => run.archive === ARCHIVES[0] && run.read === read);
      const large = uncached.find((run) => run.archive === ARCHIVES[ARCHIVES.length - 1] && run.read === read);
      return {
        read,
        p50Small: small?.p50ms,
        p50Large: large?.p50ms,
        ratio: small && large ? Number((large.p50ms / small.p50ms).toFixed(2)) : null,
      };
    });
    const searches = uncached.filter((run) => run.read.startsWith('search'));
    if (searches.length > 1) {
      growth.push({
        read: 'search',
        p50Small: searches[0].p50ms,
        p50Large: searches[searches.length - 1].p50ms,
        ratio: Number((searches[searches.length - 1].p50ms / searches[0].p50ms).toFixed(2)),
      });
    }
    return growth;
  };
  const growth = growthOf('SQLite');
  console.log(JSON.stringify({ p50Growth: growth }));
  const postgresGrowth = cluster ? growthOf('PostgreSQL') : null;
  // What a second gateway on the same database adds: requests/s of ×2 over one gateway, per read.
  const postgresTwoGateways = runs
    .filter((run) => run.engine === 'PostgreSQL' && run.gateways === 2)
    .map((two) => {
      const one = runs.find(
        (run) =>
          run.engine === 'PostgreSQL' &&
          run.gateways === 1 &&
          run.archive === two.archive &&
          run.read === two.read &&
          run.server === two.server,
      );
      return {
        archive: two.archive,
        read: two.read,
        server: two.server,
        ratio: one ? Number((two.requestsPerSecond / one.requestsPerSecond).toFixed(2)) : null,
      };
    });
  if (cluster) console.log(JSON.stringify({ postgresP50Growth: postgresGrowth, postgresTwoGateways }));
  console.log(JSON.stringify({ peakRssMiB: peakRss }));
  const results = {
    driver: DRIVER,
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    seconds: SECONDS,
    connections: CONNECTIONS,
    runs,
    votes,
    growth,
    peakRssMiB: peakRss,
    postgres: cluster
      ? { version: cluster.version, archives: collected.postgresArchives, growth: postgresGrowth, twoGateways: postgresTwoGateways }
      : null,
  };
  fs.writeFileSync(process.env.BENCH_RESULTS ?? path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

  if (ISOLATION) await isolation();
}

/** One archive: its SQLite servers and, with a cluster, its PostgreSQL gateways; every read, then the votes. */
async function benchArchive(
  articles: number,
  cluster: BenchCluster | null,
  runId: string,
  { runs, votes, peakRss, postgresArchives }: Collected,
) {
  // A copy per run: the vote run writes, and the archive in data/bench/ stays as built.
  const built = await archive(articles);
  // PostgreSQL: the archive written afresh into a database of the throwaway cluster (dropped at the end).
  const onPostgres = cluster ? await loadPostgresArchive(cluster, articles) : null;
  if (onPostgres) postgresArchives.push({ articles, loadSeconds: onPostgres.seconds });
  const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-bench-'));
  const file = path.join(copyDir, 'archive.sqlite');
  fs.copyFileSync(built, file);
  const common = {
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${file}`,
    NEWSGATE_SEED: 'false',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    // The vote run sends thousands of voter ids from one address: the per-address limits would refuse all but 20.
    NEW_VOTERS_PER_HOUR: '0',
    VOTES_PER_MINUTE: '0',
    NEWSGATE_EDITOR_KEYS: EDITOR_KEY,
    // BENCH_DRIVER=better-sqlite3 runs both gateways on the other SQLite driver (the baseline stays on sqlite3).
    DATABASE_DRIVER: DRIVER,
    // The young generation `npm start` gives the gateway (see src/server/heap-growth.ts).
    NODE_OPTIONS: '--max-semi-space-size=32',
  };
  const gatewayScript = path.join(__dirname, '..', 'src', 'index.js');
  const urls = { uncached: 'http://127.0.0.1:4811/graphql', cached: 'http://127.0.0.1:4813/graphql', baseline: 'http://127.0.0.1:4812' };
  // PostgreSQL: two uncached and two cached gateways on the one database, each pair with the same salt and keys.
  const postgresUrls = {
    uncached: ['http://127.0.0.1:4821/graphql', 'http://127.0.0.1:4822/graphql'],
    cached: ['http://127.0.0.1:4823/graphql', 'http://127.0.0.1:4824/graphql'],
  };
  /** The gateways whose RSS is sampled, by the name they have in peakRssMiB. */
  const gateways = new Map<string, ChildProcess>();
  const sampler = setInterval(() => {
    for (const [name, child] of gateways) {
      try {
        const key = `${articles}:${name}`;
        peakRss[key] = Math.max(peakRss[key] ?? 0, Math.round(rssOf(child.pid!)));
      } catch {
        // exited: its peak so far stays
      }
    }
  }, 200);
  try {
    gateways.set(
      'uncached',
      await start(gatewayScript, [], { ...common, PORT: '4811', NEWSGATE_RESPONSE_CACHE: 'false' }, 'http://127.0.0.1:4811/healthz'),
    );
    gateways.set('cached', await start(gatewayScript, [], { ...common, PORT: '4813' }, 'http://127.0.0.1:4813/healthz'));
    await start(path.join(__dirname, 'plain-sql-server.js'), [file, '4812'], {}, 'http://127.0.0.1:4812/front');
    if (onPostgres) {
      const postgresEnv = { ...common, DATABASE_URL: onPostgres.url, DATABASE_REPLICA_URLS: '', VOTER_SALT };
      for (const server of ['uncached', 'cached'] as const) {
        for (const [index, url] of postgresUrls[server].entries()) {
          const port = new URL(url).port;
          const child = await start(
            gatewayScript,
            [],
            { ...postgresEnv, PORT: port, ...(server === 'uncached' && { NEWSGATE_RESPONSE_CACHE: 'false' }) },
            `http://127.0.0.1:${port}/healthz`,
          );
          gateways.set(`${label({ server, engine: 'PostgreSQL', gateways: 1 })}${index > 0 ? ', second gateway' : ''}`, child);
        }
      }
    }
    const graphql = async (query: string, variables?: Record<string, unknown>) => (await graphqlAt(urls.uncached, query, variables)).data;
    // An article with people, quotes and related articles, from the middle of the archive; a person with many articles.
    const page = await graphql('{ articles(first: 1, filter: { publishedBefore: "2021-06-01T00:00:00Z" }) { edges { node { slug } } } }');
    const slug: string = page.articles.edges[0].node.slug;
    const people = await graphql('{ people(first: 30, orderBy: MENTIONS_DESC) { edges { node { slug name } } } }');
    const person = people.people.edges[people.people.edges.length - 1].node as { slug: string; name: string };
    const reads: { read: string; query: string; variables?: Record<string, unknown>; baseline?: string }[] = [
      { read: 'front page', query: FRONT_PAGE, baseline: '/front' },
      { read: 'article page', query: ARTICLE_PAGE, variables: { slug }, baseline: `/article/${encodeURIComponent(slug)}` },
      { read: `search "${person.name.split(' ').slice(-1)[0]}"`, query: SEARCH, variables: { q: person.name.split(' ').slice(-1)[0] } },
      { read: 'person page', query: PERSON_PAGE, variables: { slug: person.slug } },
    ];
    if (onPostgres) {
      // The same archive on both engines: each read answers there without errors, and (search ranks differ) with the same data.
      for (const { read, query, variables } of reads) {
        const [onSqlite, there] = await Promise.all([
          graphqlAt(urls.uncached, query, variables),
          graphqlAt(postgresUrls.uncached[0], query, variables),
        ]);
        if (there.errors || !there.data) throw new Error(`${read} on PostgreSQL: ${JSON.stringify(there.errors)}`);
        if (!read.startsWith('search') && JSON.stringify(there.data) !== JSON.stringify(onSqlite.data))
          console.log(JSON.stringify({ warning: `${read}: PostgreSQL's answer differs from SQLite's` }));
      }
    }
    for (const { read, query, variables, baseline } of reads) {
      const body = JSON.stringify({ query, variables });
      const order: { server: Server; engine: Engine; gateways: number; url: string | string[] }[] = baseline
        ? [{ server: 'baseline', engine: 'SQLite', gateways: 0, url: `${urls.baseline}${baseline}` }]
        : [];
      order.push(
        { server: 'uncached', engine: 'SQLite', gateways: 1, url: urls.uncached },
        { server: 'cached', engine: 'SQLite', gateways: 1, url: urls.cached },
      );
      if (onPostgres) {
        for (const server of ['uncached', 'cached'] as const) {
          order.push(
            { server, engine: 'PostgreSQL', gateways: 1, url: postgresUrls[server][0] },
            { server, engine: 'PostgreSQL', gateways: 2, url: postgresUrls[server] },
          );
        }
      }
      for (const { server, engine, gateways: count, url } of order) {
        const { result, perGateway: answered } = await drive(url, server === 'baseline' ? undefined : body);
        const run: Run = {
          archive: articles,
          read,
          server,
          engine,
          gateways: count,
          requestsPerSecond: Math.round(result.requests.average),
          p50ms: result.latency.p50,
          p99ms: result.latency.p99,
          errors: result.errors + result.non2xx,
          ...(answered && { perGateway: answered }),
        };
        runs.push(run);
        console.log(JSON.stringify(run));
      }
    }

    // Votes: a fixed number from distinct voters on a few articles, then the tally must equal what was acknowledged.
    const FIVE = '{ articles(first: 5) { edges { node { id rating { votes } } } } }';
    const targets = (await graphql(FIVE)).articles.edges.map((edge: { node: { id: string; rating: { votes: number } } }) => edge.node) as {
      id: string;
      rating: { votes: number };
    }[];
    const voting = await voteRun(
      urls.cached,
      targets.map((target) => target.id),
      `bench-voter-${runId}-${articles}`,
    );
    const after = await graphql(FIVE);
    const stored = after.articles.edges.reduce(
      (sum: number, edge: { node: { id: string; rating: { votes: number } } }, index: number) =>
        sum + edge.node.rating.votes - targets[index].rating.votes,
      0,
    );
    const line: VoteLine = {
      archive: articles,
      read: 'rateArticle',
      engine: 'SQLite',
      gateways: 1,
      votesPerSecond: voting.votesPerSecond,
      p50ms: voting.result.latency.p50,
      p99ms: voting.result.latency.p99,
      acknowledged: voting.acknowledged,
      stored,
      exact: stored === voting.acknowledged,
    };
    votes.push(line);
    console.log(JSON.stringify(line));

    if (onPostgres) {
      // The same five articles, through one cached gateway, then split across both; checked in the database itself.
      const ids = (await graphqlAt(postgresUrls.cached[0], FIVE)).data.articles.edges.map(
        (edge: { node: { id: string } }) => edge.node.id,
      ) as string[];
      for (const count of [1, 2]) {
        const url = count === 1 ? postgresUrls.cached[0] : postgresUrls.cached;
        const before = await storedVotes(onPostgres.url, ids.map(numericId));
        const { result: run, perGateway: answered } = await perGateway(url, () =>
          voteRun(url, ids, `bench-voter-${runId}-${articles}-pg${count}`),
        );
        const now = await storedVotes(onPostgres.url, ids.map(numericId));
        const rows = now.votes - before.votes;
        const tallied = now.tallied - before.tallied;
        const pgLine: VoteLine = {
          archive: articles,
          read: 'rateArticle',
          engine: 'PostgreSQL',
          gateways: count,
          votesPerSecond: run.votesPerSecond,
          p50ms: run.result.latency.p50,
          p99ms: run.result.latency.p99,
          acknowledged: run.acknowledged,
          stored: rows,
          tallied,
          exact: rows === run.acknowledged && tallied === run.acknowledged && now.mismatched === 0,
          ...(answered && { perGateway: answered }),
        };
        votes.push(pgLine);
        console.log(JSON.stringify(pgLine));
      }
    }
  } finally {
    clearInterval(sampler);
    stopChildren();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    fs.rmSync(copyDir, { recursive: true, force: true });
    if (cluster && onPostgres) await dropPostgresArchive(cluster, articles);
  }
}

/** Issue #13: the front page while articles are imported through the API, and extraction times. */
async function isolation() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-bench-'));
  const file = path.join(dir, 'bench.sqlite');
  const dataSource = await openDatabase({ type: 'sqlite', database: file }, entities);
  await loadArchive(dataSource, { articles: 500, seed: 3, maxVotes: 20 });
  await dataSource.destroy();
  const gateway = await start(
    path.join(__dirname, '..', 'src', 'index.js'),
    [],
    {
      PORT: '4814',
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${file}`,
      NEWSGATE_SEED: 'false',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      NEWSGATE_EDITOR_KEYS: EDITOR_KEY,
      NEWSGATE_RESPONSE_CACHE: 'false',
    },
    'http://127.0.0.1:4814/healthz',
  );
  try {
    const readers = await readersDuringImports({
      url: 'http://127.0.0.1:4814/graphql',
      editorKey: EDITOR_KEY,
      query: `{ articles(first: 20) { edges { node { headline people { name } quotes { text speaker { name } } rating { votes average } } } } }`,
      connections: 8,
      seconds: SECONDS,
      articles: IMPORTS,
    });
    console.log(JSON.stringify({ title: 'gateway: front page, quiet and during a bulk import through the API', ...readers }));
    for (const row of extractionTimes()) console.log(JSON.stringify({ title: 'extraction time (in process)', ...row }));
  } finally {
    gateway.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

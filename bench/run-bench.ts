/**
 * `npm run bench` (issue #10): for demo archives of 1,000 and 100,000 articles (built once by the
 * seed:demo generator into data/bench/ and reused), starts three servers on loopback — the gateway
 * with its response cache off, the gateway with it on (the default), and the plain-SQL baseline —
 * and drives each read with autocannon at 32 connections after a warm-up, interleaving gateway
 * and baseline runs: the front page, an article page, a search and a person page, uncached and
 * cached; then BENCH_VOTES rateArticle calls from distinct voters, checking the tally after.
 * Prints a table (requests/s, p50, p99, ratio to the baseline), the gateways' peak RSS, and
 * writes bench/results.json. Then (BENCH_ISOLATION=0 skips it) issue #13's readers-during-imports
 * run and extraction times.
 *   BENCH_SECONDS (default 10) per run, BENCH_ARCHIVES (default "1000,100000"), BENCH_VOTES (20000),
 *   BENCH_RESULTS (default bench/results.json), BENCH_DRIVER (sqlite3 or better-sqlite3, for the gateways).
 */
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

function start(script: string, args: string[], env: Record<string, string>, health: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('error', reject);
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

interface Run {
  archive: number;
  read: string;
  server: 'baseline' | 'uncached' | 'cached';
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  errors: number;
}

async function drive(url: string, body: string | undefined): Promise<autocannon.Result> {
  const options: autocannon.Options = body ? { url, method: 'POST', headers: { 'content-type': 'application/json' }, body } : { url };
  await autocannon({ ...options, connections: CONNECTIONS, duration: WARMUP_SECONDS });
  return autocannon({ ...options, connections: CONNECTIONS, duration: SECONDS });
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
  const runs: Run[] = [];
  const votes: Record<string, unknown>[] = [];
  const peakRss: Record<string, number> = {};
  // Voter ids unique to this run, so its votes are new votes even on an archive earlier runs voted on.
  const runId = Date.now().toString(36);
  for (const articles of ARCHIVES) {
    // A copy per run: the vote run writes, and the archive in data/bench/ stays as built.
    const built = await archive(articles);
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
    const servers = {
      uncached: await start(
        path.join(__dirname, '..', 'src', 'index.js'),
        [],
        { ...common, PORT: '4811', NEWSGATE_RESPONSE_CACHE: 'false' },
        'http://127.0.0.1:4811/healthz',
      ),
      cached: await start(path.join(__dirname, '..', 'src', 'index.js'), [], { ...common, PORT: '4813' }, 'http://127.0.0.1:4813/healthz'),
      baseline: await start(path.join(__dirname, 'plain-sql-server.js'), [file, '4812'], {}, 'http://127.0.0.1:4812/front'),
    };
    const urls = { uncached: 'http://127.0.0.1:4811/graphql', cached: 'http://127.0.0.1:4813/graphql', baseline: 'http://127.0.0.1:4812' };
    const sampler = setInterval(() => {
      for (const name of ['uncached', 'cached'] as const) {
        const key = `${articles}:${name}`;
        peakRss[key] = Math.max(peakRss[key] ?? 0, Math.round(rssOf(servers[name].pid!)));
      }
    }, 200);
    try {
      const graphql = async (query: string, variables?: Record<string, unknown>) =>
        (
          (await (
            await fetch(urls.uncached, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query, variables }),
            })
          ).json()) as { data: BenchData }
        ).data;
      // An article with people, quotes and related articles, from the middle of the archive; a person with many articles.
      const page = await graphql('{ articles(first: 1, filter: { publishedBefore: "2021-06-01T00:00:00Z" }) { edges { node { slug } } } }');
      const slug: string = page.articles.edges[0].node.slug;
      const people = await graphql('{ people(first: 30, orderBy: MENTIONS_DESC) { edges { node { slug name } } } }');
      const person = people.people.edges[people.people.edges.length - 1].node as { slug: string; name: string };
      const reads: { read: string; body: string; baseline?: string }[] = [
        { read: 'front page', body: JSON.stringify({ query: FRONT_PAGE }), baseline: '/front' },
        {
          read: 'article page',
          body: JSON.stringify({ query: ARTICLE_PAGE, variables: { slug } }),
          baseline: `/article/${encodeURIComponent(slug)}`,
        },
        {
          read: `search "${person.name.split(' ').slice(-1)[0]}"`,
          body: JSON.stringify({ query: SEARCH, variables: { q: person.name.split(' ').slice(-1)[0] } }),
        },
        { read: 'person page', body: JSON.stringify({ query: PERSON_PAGE, variables: { slug: person.slug } }) },
      ];
      for (const { read, body, baseline } of reads) {
        const order: Run['server'][] = baseline ? ['baseline', 'uncached', 'cached'] : ['uncached', 'cached'];
        for (const server of order) {
          const result = server === 'baseline' ? await drive(`${urls.baseline}${baseline}`, undefined) : await drive(urls[server], body);
          const run: Run = {
            archive: articles,
            read,
            server,
            requestsPerSecond: Math.round(result.requests.average),
            p50ms: result.latency.p50,
            p99ms: result.latency.p99,
            errors: result.errors + result.non2xx,
          };
          runs.push(run);
          console.log(JSON.stringify(run));
        }
      }

      // Votes: a fixed number from distinct voters on a few articles, then the tally must equal what was acknowledged.
      const targets = (await graphql('{ articles(first: 5) { edges { node { id rating { votes } } } } }')).articles.edges.map(
        (edge: { node: { id: string; rating: { votes: number } } }) => edge.node,
      ) as { id: string; rating: { votes: number } }[];
      let voter = 0;
      let acknowledged = 0;
      // autocannon ends a fixed-amount run at its next one-second tick and reports that as the
      // duration (a run of 9.1 s reads 10.01): time from the start to the last response instead.
      const votingStarted = performance.now();
      let lastResponse = votingStarted;
      const result = await autocannon({
        url: urls.cached,
        connections: CONNECTIONS,
        amount: VOTES,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              voter += 1;
              return {
                ...request,
                headers: { 'content-type': 'application/json', 'x-voter-id': `bench-voter-${runId}-${articles}-${voter}` },
                body: JSON.stringify({
                  query: 'mutation($input: RateArticleInput!) { rateArticle(input: $input) { rating { votes } } }',
                  variables: { input: { articleId: targets[voter % targets.length].id, stars: (voter % 5) + 1 } },
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
      const after = await graphql('{ articles(first: 5) { edges { node { id rating { votes } } } } }');
      const stored = after.articles.edges.reduce(
        (sum: number, edge: { node: { id: string; rating: { votes: number } } }, index: number) =>
          sum + edge.node.rating.votes - targets[index].rating.votes,
        0,
      );
      const line = {
        archive: articles,
        read: 'rateArticle',
        votesPerSecond: Math.round(acknowledged / ((lastResponse - votingStarted) / 1000)),
        p50ms: result.latency.p50,
        p99ms: result.latency.p99,
        acknowledged,
        stored,
        exact: stored === acknowledged,
      };
      votes.push(line);
      console.log(JSON.stringify(line));
    } finally {
      clearInterval(sampler);
      for (const child of Object.values(servers)) {
        child.removeAllListeners('exit');
        child.kill('SIGTERM');
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      fs.rmSync(copyDir, { recursive: true, force: true });
    }
  }

  const baselineOf = (run: Run) =>
    runs.find((other) => other.archive === run.archive && other.read === run.read && other.server === 'baseline');
  console.log('\n| Archive | Read | Server | Requests/s | p50 | p99 | Ratio to baseline |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const run of runs) {
    const baseline = baselineOf(run);
    const ratio = baseline && run.server !== 'baseline' ? `${(run.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}×` : '';
    console.log(
      `| ${run.archive.toLocaleString('en')} | ${run.read} | ${run.server} | ${run.requestsPerSecond.toLocaleString('en')} | ${run.p50ms} ms | ${run.p99ms} ms | ${ratio} |`,
    );
  }
  const growth = ['front page', 'article page', 'person page'].map((read) => {
    const small = runs.find((run) => run.archive === ARCHIVES[0] && run.read === read && run.server === 'uncached');
    const large = runs.find((run) => run.archive === ARCHIVES[ARCHIVES.length - 1] && run.read === read && run.server === 'uncached');
    return {
      read,
      p50Small: small?.p50ms,
      p50Large: large?.p50ms,
      ratio: small && large ? Number((large.p50ms / small.p50ms).toFixed(2)) : null,
    };
  });
  const searches = runs.filter((run) => run.read.startsWith('search') && run.server === 'uncached');
  if (searches.length > 1) {
    growth.push({
      read: 'search',
      p50Small: searches[0].p50ms,
      p50Large: searches[searches.length - 1].p50ms,
      ratio: Number((searches[searches.length - 1].p50ms / searches[0].p50ms).toFixed(2)),
    });
  }
  console.log(JSON.stringify({ p50Growth: growth }));
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
  };
  fs.writeFileSync(process.env.BENCH_RESULTS ?? path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

  if (ISOLATION) await isolation();
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
    gateway.removeAllListeners('exit');
    gateway.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

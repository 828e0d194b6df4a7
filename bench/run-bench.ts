/**
 * `npm run bench`: builds an archive of 500 articles, starts the gateway (and a plain-SQL
 * baseline) as child processes on loopback, and measures with autocannon:
 *   1. a 20-article page with people, quotes, speakers and ratings, against the baseline;
 *      then a ranked search and a filtered, rating-ordered list;
 *   2. BENCH_VOTES (default 5000) rateArticle calls from distinct voters, then checks that the
 *      stored tally equals the votes the server acknowledged;
 *   3. the front page at 8 connections, quiet and then while BENCH_IMPORTS (default 200)
 *      generated articles and the slow shapes of copy are imported through the API (issue #13),
 *      and the extraction time of each slow shape at 150 kB and 1 MB.
 * Bounded: the page runs last BENCH_SECONDS (default 10) each; only 127.0.0.1 is targeted.
 */
import 'reflect-metadata';
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../src/db/data-source';
import { entities } from '../src/modules/entities';
import { loadArchive } from '../tests/support/archive';
import { extractionTimes, readersDuringImports } from './import-isolation';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const ARTICLES = 500;
const VOTES = Number(process.env.BENCH_VOTES ?? 5000);
const IMPORTS = Number(process.env.BENCH_IMPORTS ?? 200);
const EDITOR_KEY = 'bench-editor-key-0123456789';
const PAGE_QUERY = `{ articles(first: 20) { edges { node { headline people { name } quotes { text speaker { name } } rating { votes average } } } } }`;

function start(script: string, args: string[], env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    const started = Date.now();
    const poll = async () => {
      const url = env.PORT ? `http://127.0.0.1:${env.PORT}/healthz` : `http://127.0.0.1:${args[1]}/`;
      try {
        if ((await fetch(url)).ok) return resolve(child);
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 20_000) return reject(new Error(`${script} did not start`));
      setTimeout(poll, 100);
    };
    void poll();
  });
}

function rssOf(pid: number): number {
  // Linux: resident set size of the server process, in MiB.
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function measure(title: string, options: autocannon.Options) {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  const line = {
    title,
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50ms: result.latency.p50,
    latencyP99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total2xx: result['2xx'],
  };
  console.log(JSON.stringify(line));
  return line;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-bench-'));
  const file = path.join(dir, 'bench.sqlite');
  const dataSource = await openDatabase({ type: 'sqlite', database: file }, entities);
  await loadArchive(dataSource, { articles: ARTICLES, seed: 3, maxVotes: 20 });
  await dataSource.destroy();
  console.log(
    JSON.stringify({
      archive: { articles: ARTICLES },
      seconds: SECONDS,
      connections: CONNECTIONS,
      node: process.version,
      cpus: os.cpus().length,
    }),
  );

  const gatewayPort = '4811';
  const plainPort = '4812';
  const gateway = await start(path.join(__dirname, '..', 'src', 'index.js'), [], {
    PORT: gatewayPort,
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${file}`,
    NEWSGATE_SEED: 'false',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    // The vote run sends thousands of voter ids from one address: the per-address limits would refuse all but 20.
    NEW_VOTERS_PER_HOUR: '0',
    VOTES_PER_MINUTE: '0',
    NEWSGATE_EDITOR_KEYS: EDITOR_KEY,
  });
  const plain = await start(path.join(__dirname, 'plain-sql-server.js'), [file, plainPort], {});
  try {
    const graphqlUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    const pageRequest = {
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PAGE_QUERY }),
    };
    const rssBefore = rssOf(gateway.pid!);
    const viaGateway = await measure('gateway: 20-article page with relations', { url: graphqlUrl, ...pageRequest });
    const viaPlain = await measure('baseline: same page, hand-written SQL over node:http', { url: `http://127.0.0.1:${plainPort}/` });
    console.log(JSON.stringify({ gatewayToPlainSqlRatio: Number((viaGateway.requestsPerSecond / viaPlain.requestsPerSecond).toFixed(2)) }));

    const query = (text: string) => ({ ...pageRequest, body: JSON.stringify({ query: text }) });
    await measure('gateway: search across articles, quotes and people (20 hits with snippets)', {
      url: graphqlUrl,
      ...query('{ search(query: "minister okaf", first: 20) { totalCount edges { node { score snippet hit { __typename } } } } }'),
    });
    await measure('gateway: filtered list, section + minRating, RATING_DESC, 20 articles', {
      url: graphqlUrl,
      ...query(
        '{ articles(first: 20, filter: { section: "World", minRating: 3 }, orderBy: RATING_DESC) { totalCount edges { node { headline rating { average } } } } }',
      ),
    });

    const { data } = (await (
      await fetch(graphqlUrl, {
        ...pageRequest,
        body: JSON.stringify({ query: '{ articles(first: 1) { edges { node { id rating { votes } } } } }' }),
      })
    ).json()) as {
      data: { articles: { edges: { node: { id: string; rating: { votes: number } } }[] } };
    };
    const target = data.articles.edges[0].node;
    let voter = 0;
    let acknowledged = 0;
    // A fixed number of votes (not a duration), so that none is still in flight when we count.
    const votes = await measure('gateway: rateArticle from distinct voters', {
      url: graphqlUrl,
      amount: VOTES,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => ({
            ...request,
            headers: { 'content-type': 'application/json', 'x-voter-id': `bench-voter-${(voter += 1)}` },
            body: JSON.stringify({
              query: 'mutation($input: RateArticleInput!) { rateArticle(input: $input) { rating { votes } } }',
              variables: { input: { articleId: target.id, stars: (voter % 5) + 1 } },
            }),
          }),
          // GraphQL reports failures with status 200 too: count only votes the server confirmed.
          onResponse: (status, body) => {
            if (status === 200 && !body.includes('"errors"')) acknowledged += 1;
          },
        },
      ],
    });
    const after = (await (
      await fetch(graphqlUrl, {
        ...pageRequest,
        body: JSON.stringify({ query: `{ node(id: "${target.id}") { ... on Article { rating { votes } } } }` }),
      })
    ).json()) as {
      data: { node: { rating: { votes: number } } };
    };
    const stored = after.data.node.rating.votes - target.rating.votes;
    console.log(
      JSON.stringify({ votesSent: votes.total2xx, votesAcknowledged: acknowledged, votesStored: stored, exact: stored === acknowledged }),
    );
    console.log(JSON.stringify({ gatewayRssMiB: { beforeLoad: Math.round(rssBefore), afterLoad: Math.round(rssOf(gateway.pid!)) } }));

    const readers = await readersDuringImports({
      url: graphqlUrl,
      editorKey: EDITOR_KEY,
      query: PAGE_QUERY,
      connections: 8,
      seconds: SECONDS,
      articles: IMPORTS,
    });
    console.log(JSON.stringify({ title: 'gateway: front page, quiet and during a bulk import through the API', ...readers }));
    console.log(JSON.stringify({ gatewayRssMiB: { afterImports: Math.round(rssOf(gateway.pid!)) } }));
    for (const row of extractionTimes()) console.log(JSON.stringify({ title: 'extraction time (in process)', ...row }));
  } finally {
    gateway.removeAllListeners('exit');
    plain.removeAllListeners('exit');
    gateway.kill('SIGTERM');
    plain.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

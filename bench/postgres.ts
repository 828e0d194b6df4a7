/**
 * The PostgreSQL part of `npm run bench` (issue #12): a throwaway cluster (tests/support/postgres-server.ts)
 * that is stopped however the bench ends, the demo archive written into a database of its own on it,
 * and the tally check read straight from that database.
 */
import path from 'node:path';
import { Client } from 'pg';
import { writeDemoArchive } from '../src/cli/demo-archive.writer';
import { openDatabase } from '../src/db/data-source';
import { entities } from '../src/modules/entities';
import { postgresBinaries, startThrowawayPostgres } from '../tests/support/postgres-server';

export interface BenchCluster {
  /** The server's major version (the newest installed). */
  version: string;
  /** Its temporary folder (data, socket, server.log). */
  dir: string;
  /** postgres://…/<database> on the cluster. */
  urlOf(database: string): string;
  stop(): void;
}

/**
 * Starts the cluster, or returns null with one printed line when BENCH_POSTGRES=0 or PostgreSQL is
 * not installed. The cluster is stopped by `stop()`, and also when the process exits or is
 * interrupted without getting there (`beforeStop` runs first: the gateways on it are stopped).
 */
export async function startBenchCluster(beforeStop: () => void): Promise<BenchCluster | null> {
  if (process.env.BENCH_POSTGRES === '0') {
    console.log('PostgreSQL: skipped (BENCH_POSTGRES=0)');
    return null;
  }
  const bin = postgresBinaries();
  if (bin === null) {
    console.log('PostgreSQL: skipped, not installed (no /usr/lib/postgresql/<version>/bin/initdb; apt-get install -y postgresql)');
    return null;
  }
  const cluster = await startThrowawayPostgres();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      beforeStop();
    } finally {
      try {
        cluster.stop();
      } catch (error) {
        // An interrupt from the terminal reaches the server too, which may be gone already; the folder is removed either way.
        console.error(`stopping the PostgreSQL cluster: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  }
  return {
    version: path.basename(path.dirname(bin)),
    dir: cluster.dir,
    urlOf: (database) => {
      const url = new URL(cluster.url);
      url.pathname = `/${database}`;
      return url.toString();
    },
    stop,
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own holding the demo archive of `articles` articles (seed 1, the one the
 * SQLite archive is built from), written by the same generator and writer as `seed:demo` through
 * a PostgreSQL DataSource (migrations, multi-row inserts, votes through the gateway's own vote
 * write). Then the id sequences are moved past the ids the generator gave, and VACUUM ANALYZE
 * leaves no autovacuum work to run during the measurements.
 */
export async function loadPostgresArchive(cluster: BenchCluster, articles: number): Promise<{ url: string; seconds: number }> {
  const name = `bench_${articles}`;
  await withClient(cluster.urlOf('postgres'), async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  });
  const url = cluster.urlOf(name);
  const started = Date.now();
  const dataSource = await openDatabase({ type: 'postgres', url, replicaUrls: [] }, entities);
  try {
    const counts = await writeDemoArchive(dataSource, { articles, seed: 1 });
    const tables: { table: string }[] = await dataSource.query(
      `SELECT table_name AS table FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name = 'id' AND column_default LIKE 'nextval(%'`,
    );
    for (const { table } of tables) {
      await dataSource.query(
        `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE((SELECT MAX(id) FROM "${table}"), 0) + 1, false)`,
      );
    }
    // Through a connection of its own: TypeORM would log it as a slow query.
    await withClient(url, (client) => client.query('VACUUM ANALYZE'));
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    console.log(JSON.stringify({ builtPostgresArchive: counts, seconds }));
    return { url, seconds };
  } finally {
    await dataSource.destroy();
  }
}

export async function dropPostgresArchive(cluster: BenchCluster, articles: number): Promise<void> {
  await withClient(cluster.urlOf('postgres'), (admin) => admin.query(`DROP DATABASE IF EXISTS bench_${articles} WITH (FORCE)`));
}

export interface StoredVotes {
  /** Vote rows on the articles. */
  votes: number;
  /** What the articles' tally rows say. */
  tallied: number;
  /** Articles whose tally row differs from their vote rows (count or star sum). */
  mismatched: number;
}

/** Votes on these articles as the database holds them: rows, tallies, and whether the two agree. */
export async function storedVotes(url: string, articleIds: readonly number[]): Promise<StoredVotes> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ votes: number; tallied: number; mismatched: number }>(
      `SELECT COALESCE(SUM(counted.votes), 0)::int AS votes, COALESCE(SUM(kept.votes), 0)::int AS tallied,
              COUNT(*) FILTER (WHERE kept.votes IS DISTINCT FROM counted.votes OR kept.star_sum IS DISTINCT FROM counted.star_sum)::int AS mismatched
       FROM (SELECT article_id, COUNT(*)::int AS votes, SUM(stars)::int AS star_sum FROM vote WHERE article_id = ANY($1) GROUP BY article_id) counted
       FULL JOIN (SELECT article_id, votes, star_sum FROM article_rating WHERE article_id = ANY($1)) kept ON kept.article_id = counted.article_id`,
      [articleIds],
    );
    return rows[0];
  });
}

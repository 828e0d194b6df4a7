import '../utc-process';
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { entities } from '../modules/entities';
import { writeDemoArchive } from './demo-archive.writer';

const USAGE = `Usage: npm run seed:demo -- [--articles N] [--seed N]
Builds a deterministic demo archive (default 100000 articles, about 20,000 people, 3 quotes,
5 mentions and 10 votes per article on average) into the empty database in DATABASE_URL.`;

class UsageError extends Error {}

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 10_000_000)
    throw new UsageError(`--${name} must be a whole number from 1 to 10000000 (got "${text}")`);
  return value;
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { articles: { type: 'string' }, seed: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('.')[0] : String(error));
  }
  const articles = positive('articles', values.articles, 100_000);
  const seed = positive('seed', values.seed, 1);
  const config = loadConfig();
  const started = Date.now();
  const dataSource = await openDatabase(config.database, entities);
  const bar = process.stderr.isTTY
    ? new SingleBar({
        format: 'seeding [{bar}] {value}/{total} articles, {eta_formatted} left',
        stream: process.stderr,
        clearOnComplete: true,
      })
    : null;
  bar?.start(articles, 0);
  try {
    const counts = await writeDemoArchive(dataSource, { articles, seed }, (written) => bar?.update(written));
    bar?.stop();
    console.log(
      `seeded ${counts.articles} articles, ${counts.people} people, ${counts.mentions} mentions, ${counts.quotes} quotes and ${counts.votes} votes ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed})`,
    );
    return 0;
  } finally {
    bar?.stop();
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
    else if (error instanceof ConfigError) console.error(error.message);
    else console.error(`seed:demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);

import type { DataSource } from 'typeorm';
import { batches, insertRows } from '../db/insert-rows';
import { Article } from '../modules/article/article.entity';
import { Mention } from '../modules/mention/mention.entity';
import { Person } from '../modules/person/person.entity';
import { Quote } from '../modules/quote/quote.entity';
import { commitGroup } from '../modules/rating/vote-committer';
import { type DemoArchiveOptions, demoPeople, demoStories, type DemoStory } from './demo-archive';

/** Articles per transaction: large enough that commits cost nothing, small enough to show progress. */
const ARTICLES_PER_TRANSACTION = 2_000;
/** Rows per INSERT: a few thousand bound values, under every engine's limit. */
const ROWS_PER_STATEMENT = 250;
const VOTES_PER_GROUP = 2_000;

export interface DemoArchiveCounts {
  articles: number;
  people: number;
  mentions: number;
  quotes: number;
  votes: number;
}

/**
 * Writes the demo archive into an empty database, in transactions of ARTICLES_PER_TRANSACTION
 * articles with multi-row inserts. Votes go through the gateway's own vote write (commitGroup),
 * so the tallies are kept exactly as for real votes. `progress` hears the articles written so far.
 */
export async function writeDemoArchive(
  dataSource: DataSource,
  options: DemoArchiveOptions,
  progress: (written: number) => void = () => undefined,
): Promise<DemoArchiveCounts> {
  const existing = await dataSource.getRepository(Article).count();
  if (existing > 0) {
    throw new Error(`${dataSource.options.database} already holds ${existing} articles; the demo archive is built into an empty database`);
  }
  const people = demoPeople({ ...options, people: Math.min(options.people ?? 20_000, Math.max(200, options.articles / 5)) });
  const counts: DemoArchiveCounts = { articles: 0, people: people.length, mentions: 0, quotes: 0, votes: 0 };
  await dataSource.transaction((manager) => insertRows(manager, Person, people as Person[], ROWS_PER_STATEMENT));
  let batch: DemoStory[] = [];
  const flush = async () => {
    const stories = batch;
    batch = [];
    await dataSource.transaction(async (manager) => {
      await insertRows(manager, Article, stories.map((story) => story.article) as Article[], ROWS_PER_STATEMENT);
      await insertRows(manager, Mention, stories.flatMap((story) => story.mentions) as Mention[], ROWS_PER_STATEMENT);
      await insertRows(manager, Quote, stories.flatMap((story) => story.quotes) as Quote[], ROWS_PER_STATEMENT);
      const votes = stories.flatMap((story) => story.votes);
      for (const group of batches(votes, VOTES_PER_GROUP)) await commitGroup(manager, group);
    });
    for (const story of stories) {
      counts.mentions += story.mentions.length;
      counts.quotes += story.quotes.length;
      counts.votes += story.votes.length;
    }
    counts.articles += stories.length;
    progress(counts.articles);
  };
  for (const story of demoStories(options, people)) {
    batch.push(story);
    if (batch.length === ARTICLES_PER_TRANSACTION) await flush();
  }
  if (batch.length > 0) await flush();
  // Planner statistics for the archive as built (some plans depend on them).
  await dataSource.query('ANALYZE');
  return counts;
}

import { setTimeout } from 'node:timers/promises';
import { type EntityManager, In } from 'typeorm';
import { batches } from '../../db/insert-rows';
import { lockRowsForUpdate } from '../../db/row-locks';
import { statementScope, type StatementTally } from '../../db/statement-scope';
import type { WriteQueue } from '../../db/write-queue';
import { CacheTag, type ChangeFeed, NO_CHANGE_FEED } from '../../shared/cache-hints';
import { ArticleRating } from './article-rating.entity';
import { STAR_LEVELS } from './rating.type';
import { Vote } from './vote.entity';

/** One vote as the committer takes it. */
export interface VoteToCommit {
  articleId: number;
  voterHash: string;
  stars: number;
}

/** What committing a vote gave: the article's tally right after the commit, or no such article. */
export type CommittedVote = { status: 'stored'; tally: ArticleRating } | { status: 'no-article' };

interface Waiting {
  vote: VoteToCommit;
  /** The voting request's SQL statement tally (LOG_SQL_STATEMENTS), if it counts one. */
  tally: StatementTally | undefined;
  resolve(result: CommittedVote): void;
  reject(error: unknown): void;
}

/** Votes one transaction takes at most: bounds its statements' parameters and the write queue's turn. */
const MAX_VOTES_PER_COMMIT = 400;
/** Rows per multi-row INSERT: 400 votes × 5 values stays under every engine's parameter limit. */
const ROWS_PER_STATEMENT = 400;
/** (article, voter) pairs per lookup: ORed together, far under SQLite's expression depth limit (1,000). */
const PAIRS_PER_STATEMENT = 100;

/**
 * Group commit for votes. A vote waits while the previous group is being written; then every
 * vote that arrived meanwhile (up to MAX_VOTES_PER_COMMIT) is written in one transaction, votes and
 * tallies together, and each is acknowledged only once that transaction has committed. Under load
 * one commit (one fsync with synchronous=FULL) carries hundreds of votes; a lone vote waits only
 * one timer turn (about a millisecond) before its commit, for others to join it.
 */
export class VoteCommitter {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly writes: WriteQueue,
    /** Hears, once a group has committed, which ratings changed (the response cache). */
    private readonly changes: ChangeFeed = NO_CHANGE_FEED,
  ) {}

  commit(vote: VoteToCommit): Promise<CommittedVote> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ vote, tally: statementScope.getStore(), resolve, reject });
      // Outside the request that happened to start it: the loop commits other requests' groups too.
      if (!this.writing) void statementScope.exit(() => this.drain());
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        // A timer's turn of the event loop first (about a millisecond), so that requests already
        // received add their votes to this group: with a synchronous driver (better-sqlite3) nothing
        // else runs while a group is written, and without the wait every vote paid a commit of its
        // own (1,000 votes/s against 2,900-3,300 with it; sqlite3 groups either way).
        await setTimeout(0);
        const group = this.waiting.splice(0, MAX_VOTES_PER_COMMIT);
        try {
          // A group's statements are shared by its votes: counted in the first one's request.
          const commitGroupNow = () =>
            this.writes.transaction((manager) =>
              commitGroup(
                manager,
                group.map((entry) => entry.vote),
              ),
            );
          const owner = group[0].tally;
          const results = await (owner ? statementScope.run(owner, commitGroupNow) : commitGroupNow());
          try {
            // Before any voter hears back: the next read must not be served a cached tally.
            const articleIds = new Set(group.map((entry) => entry.vote.articleId));
            // Awaited: on PostgreSQL the other gateways can hear it once this settles.
            await this.changes.changed([CacheTag.RATED_LISTS, ...[...articleIds].map((id) => CacheTag.rating(id))]);
          } finally {
            // Committed: each vote is acknowledged whatever happens to the notice.
            group.forEach((entry, index) => entry.resolve(results[index]));
          }
        } catch (error) {
          // The transaction rolled back: none of the group's votes is stored, and each caller hears so.
          for (const entry of group) entry.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

const key = (articleId: number, voterHash: string) => `${articleId}:${voterHash}`;

/**
 * Writes a group of votes and the tallies they change, inside the caller's transaction. A voter
 * voting twice on one article within the group counts once, with the later stars, as if the
 * votes had been written one after the other. Votes for articles that no longer exist are left out.
 */
export async function commitGroup(manager: EntityManager, votes: readonly VoteToCommit[]): Promise<CommittedVote[]> {
  // A voter voting twice on one article within the group: the later vote stands.
  const latest = new Map<string, VoteToCommit>();
  for (const vote of votes) latest.set(key(vote.articleId, vote.voterHash), vote);
  // Other gateways' groups on these articles wait until this one commits (src/db/row-locks.ts):
  // what each voter had given before and the tallies stay this group's to change.
  await lockRowsForUpdate(
    manager,
    'article',
    [...latest.values()].map((vote) => vote.articleId),
  );
  // Which articles exist and what each voter had given before, in one statement per batch.
  const existing = new Set<number>();
  const before = new Map<string, number>();
  for (const batch of batches([...latest.values()], PAIRS_PER_STATEMENT)) {
    for (const row of await articlesAndEarlierVotes(manager, batch)) {
      if (row.voter_hash === null) existing.add(Number(row.article_id));
      else before.set(key(Number(row.article_id), row.voter_hash), Number(row.stars));
    }
  }
  const rows = [...latest.values()].filter((vote) => existing.has(vote.articleId));
  if (rows.length > 0) {
    const deltas = new Map<number, ArticleRating>();
    const now = new Date();
    for (const vote of rows) {
      const delta = deltas.get(vote.articleId) ?? emptyTally(vote.articleId);
      deltas.set(vote.articleId, delta);
      const old = before.get(key(vote.articleId, vote.voterHash));
      if (old === undefined) delta.votes += 1;
      else adjust(delta, old, -1);
      adjust(delta, vote.stars, +1);
    }
    for (const batch of batches(rows, ROWS_PER_STATEMENT)) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(Vote)
        .values(batch.map((vote) => ({ ...vote, createdAt: now, updatedAt: now })))
        .orUpdate(['stars', 'updated_at'], ['article_id', 'voter_hash'])
        .updateEntity(false)
        .execute();
    }
    const changed = [...deltas.values()];
    for (const batch of batches(changed, ROWS_PER_STATEMENT)) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ArticleRating)
        .values(batch)
        .onConflict(
          `("article_id") DO UPDATE SET ${TALLY_COLUMNS.map((column) => `"${column}" = "article_rating"."${column}" + EXCLUDED."${column}"`).join(', ')}`,
        )
        .updateEntity(false)
        .execute();
    }
  }
  // Read back, not worked out: on an engine where another process's group can commit between
  // this group's read and write, the row holds both.
  const tallies = new Map(
    existing.size === 0
      ? []
      : (await manager.getRepository(ArticleRating).findBy({ articleId: In([...existing]) })).map((tally) => [tally.articleId, tally]),
  );
  return votes.map((vote): CommittedVote => {
    const tally = tallies.get(vote.articleId);
    return tally ? { status: 'stored', tally } : { status: 'no-article' };
  });
}

/** Added to on conflict: the counts, and the version (each delta carries 1). */
const TALLY_COLUMNS = ['votes', 'star_sum', ...Array.from({ length: STAR_LEVELS }, (_, index) => `stars_${index + 1}`), 'version'];

/**
 * The ids of the batch's articles that exist (rows without a voter), then each earlier vote of a
 * batch voter on that article (rows with one). Earlier votes are looked up by exact (article,
 * voter) pairs, each an index lookup: two IN lists, one of articles and one of voters, made SQLite
 * read every vote the articles ever had (4.8 ms a group on an article with 60,000 votes).
 */
async function articlesAndEarlierVotes(
  manager: EntityManager,
  batch: readonly VoteToCommit[],
): Promise<{ article_id: number; voter_hash: string | null; stars: number | null }[]> {
  const pairs = batch.map((_, index) => `(article_id = :article${index} AND voter_hash = :voter${index})`).join(' OR ');
  const parameters: Record<string, unknown> = { articleIds: [...new Set(batch.map((vote) => vote.articleId))] };
  batch.forEach((vote, index) => {
    parameters[`article${index}`] = vote.articleId;
    parameters[`voter${index}`] = vote.voterHash;
  });
  const [sql, values] = manager.connection.driver.escapeQueryWithParameters(
    `SELECT id AS article_id, NULL AS voter_hash, NULL AS stars FROM article WHERE id IN (:...articleIds)
     UNION ALL SELECT article_id, voter_hash, stars FROM vote WHERE ${pairs}`,
    parameters,
    {},
  );
  return manager.query(sql, values);
}

function emptyTally(articleId: number): ArticleRating {
  return Object.assign(new ArticleRating(), {
    articleId,
    votes: 0,
    starSum: 0,
    stars1: 0,
    stars2: 0,
    stars3: 0,
    stars4: 0,
    stars5: 0,
    // A delta: the stored version goes one up.
    version: 1,
  });
}

const LEVEL_FIELDS = ['stars1', 'stars2', 'stars3', 'stars4', 'stars5'] as const;

function adjust(tally: ArticleRating, stars: number, by: 1 | -1): void {
  tally.starSum += by * stars;
  tally[LEVEL_FIELDS[stars - 1]] += by;
}

/** A tally's five counts, 1 to 5 stars. */
export function histogramOf(tally: ArticleRating): number[] {
  return LEVEL_FIELDS.map((field) => tally[field]);
}

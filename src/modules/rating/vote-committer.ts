import type { EntityManager } from 'typeorm';
import { batches } from '../../db/insert-rows';
import type { WriteQueue } from '../../db/write-queue';
import { CacheTag, type ChangeFeed, NO_CHANGE_FEED } from '../../shared/cache-hints';
import { Article } from '../article/article.entity';
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
  resolve(result: CommittedVote): void;
  reject(error: unknown): void;
}

/** Votes one transaction takes at most: bounds its statements' parameters and the write queue's turn. */
const MAX_VOTES_PER_COMMIT = 400;
/** Rows per multi-row INSERT: 400 votes × 5 values stays under every engine's parameter limit. */
const ROWS_PER_STATEMENT = 400;

/**
 * Group commit for votes. A vote waits while the previous group is being written; then every
 * vote that arrived meanwhile (up to MAX_VOTES_PER_COMMIT) is written in one transaction, votes and
 * tallies together, and each is acknowledged only once that transaction has committed. Under load
 * one commit (one fsync with synchronous=FULL) carries hundreds of votes; a lone vote is written at
 * once, never held back by a timer.
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
      this.waiting.push({ vote, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, MAX_VOTES_PER_COMMIT);
        try {
          const results = await this.writes.transaction((manager) =>
            commitGroup(
              manager,
              group.map((entry) => entry.vote),
            ),
          );
          try {
            // Before any voter hears back: the next read must not be served a cached tally.
            const articleIds = new Set(group.map((entry) => entry.vote.articleId));
            this.changes.changed([CacheTag.RATED_LISTS, ...[...articleIds].map((id) => CacheTag.rating(id))]);
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
  const articleIds = [...new Set(votes.map((vote) => vote.articleId))];
  // The articles that exist, with their tallies as they stand (none yet: zero), in one statement.
  const tallies = new Map<number, ArticleRating>();
  for (const batch of batches(articleIds, ROWS_PER_STATEMENT)) {
    const query = manager
      .createQueryBuilder()
      .from(Article, 'article')
      .leftJoin(ArticleRating, 'tally', 'tally.article_id = article.id')
      .select('article.id', 'id')
      .where('article.id IN (:...batch)', { batch });
    for (const column of TALLY_COLUMNS) query.addSelect(`tally.${column}`, column);
    const rows: Record<string, unknown>[] = await query.getRawMany();
    for (const row of rows) {
      const tally = emptyTally(Number(row.id));
      for (const [column, field] of TALLY_FIELDS) tally[field] = Number(row[column] ?? 0);
      tallies.set(tally.articleId, tally);
    }
  }
  const latest = new Map<string, VoteToCommit>();
  for (const vote of votes) if (tallies.has(vote.articleId)) latest.set(key(vote.articleId, vote.voterHash), vote);
  if (latest.size > 0) {
    const rows = [...latest.values()];
    const before = new Map<string, number>();
    for (const batch of batches(rows, ROWS_PER_STATEMENT)) {
      // By exact (article, voter) pairs, each an index lookup: two IN lists made SQLite read every vote of the articles.
      const pairs = batch.map((_, index) => `(vote.article_id = :article${index} AND vote.voter_hash = :voter${index})`).join(' OR ');
      const parameters = Object.fromEntries(
        batch.flatMap((vote, index) => [
          [`article${index}`, vote.articleId],
          [`voter${index}`, vote.voterHash],
        ]),
      );
      const earlier: { article_id: number; voter_hash: string; stars: number }[] = await manager
        .createQueryBuilder()
        .from(Vote, 'vote')
        .select(['vote.article_id AS article_id', 'vote.voter_hash AS voter_hash', 'vote.stars AS stars'])
        .where(pairs, parameters)
        .getRawMany();
      for (const row of earlier) before.set(key(Number(row.article_id), row.voter_hash), Number(row.stars));
    }
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
    // The tallies after: what they were plus what this group changed (this transaction holds the write lock).
    for (const delta of changed) {
      const tally = tallies.get(delta.articleId)!;
      for (const [, field] of TALLY_FIELDS) tally[field] += delta[field];
    }
  }
  return votes.map((vote): CommittedVote => {
    const tally = tallies.get(vote.articleId);
    return tally ? { status: 'stored', tally } : { status: 'no-article' };
  });
}

const TALLY_COLUMNS = ['votes', 'star_sum', ...Array.from({ length: STAR_LEVELS }, (_, index) => `stars_${index + 1}`)];
/** Each tally column with its ArticleRating property. */
const TALLY_FIELDS = TALLY_COLUMNS.map(
  (column, index) => [column, (['votes', 'starSum', 'stars1', 'stars2', 'stars3', 'stars4', 'stars5'] as const)[index]] as const,
);

function emptyTally(articleId: number): ArticleRating {
  return Object.assign(new ArticleRating(), { articleId, votes: 0, starSum: 0, stars1: 0, stars2: 0, stars3: 0, stars4: 0, stars5: 0 });
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

import { QueryFailedError, type Repository } from 'typeorm';
import type { WriteQueue } from '../../db/write-queue';
import { badUserInput, notFound } from '../../shared/errors';
import type { Article } from '../article/article.entity';
import { emptyHistogram, Rating, STAR_LEVELS } from './rating.type';
import { VoteLimiter } from './vote-limiter';
import { Vote } from './vote.entity';

/** Who is voting: the salted voter hash (stored) and the client address (only ever in memory, for the limits). */
export interface VoterIdentity {
  hash: string;
  address?: string;
}

export class RatingService {
  constructor(
    private readonly votes: Repository<Vote>,
    private readonly articles: Repository<Article>,
    private readonly writes: WriteQueue,
    /** Shared by every service instance of the process: the per-address vote limits. */
    private readonly limiter: VoteLimiter = VoteLimiter.off(),
  ) {}

  /** Each article's tally, counted from the votes themselves so it is always exact; one query. */
  async ratingsByArticleIds(articleIds: readonly number[]): Promise<Rating[]> {
    const rows: { articleId: number; stars: number; votes: number }[] = await this.votes
      .createQueryBuilder('vote')
      .select('vote.articleId', 'articleId')
      .addSelect('vote.stars', 'stars')
      .addSelect('COUNT(*)', 'votes')
      .where('vote.articleId IN (:...articleIds)', { articleIds: [...articleIds] })
      .groupBy('vote.articleId')
      .addGroupBy('vote.stars')
      .getRawMany();
    const histograms = new Map<number, number[]>(articleIds.map((id) => [id, emptyHistogram()]));
    for (const row of rows) {
      const histogram = histograms.get(Number(row.articleId));
      if (histogram) histogram[Number(row.stars) - 1] = Number(row.votes);
    }
    return articleIds.map((id) => new Rating(id, histograms.get(id) ?? emptyHistogram()));
  }

  /** One voter's stars on each article (null where they have not voted); one query. */
  async starsByVoter(voterHash: string, articleIds: readonly number[]): Promise<(number | null)[]> {
    const rows = await this.votes
      .createQueryBuilder('vote')
      .select(['vote.articleId', 'vote.stars'])
      .where('vote.voterHash = :voterHash', { voterHash })
      .andWhere('vote.articleId IN (:...articleIds)', { articleIds: [...articleIds] })
      .getMany();
    const byArticle = new Map(rows.map((row) => [row.articleId, row.stars]));
    return articleIds.map((id) => byArticle.get(id) ?? null);
  }

  /**
   * Records the voter's stars, replacing an earlier vote. One INSERT … ON CONFLICT DO UPDATE
   * statement: atomic on its own, so simultaneous votes can never double-count or get lost.
   * The vote limits are checked last before the write: a vote refused for any reason (bad stars,
   * no such article, RATE_LIMITED) stores nothing, and only a valid vote spends the limits.
   */
  async rate(articleId: number, voter: VoterIdentity, stars: number): Promise<void> {
    if (!Number.isInteger(stars) || stars < 1 || stars > STAR_LEVELS) {
      throw badUserInput(`stars must be a whole number from 1 to ${STAR_LEVELS} (got ${stars})`, { argumentName: 'stars' });
    }
    if ((await this.articles.countBy({ id: articleId })) === 0) throw articleNotFound();
    await this.limiter.admit(voter.address, voter.hash);
    const voterHash = voter.hash;
    const now = new Date();
    try {
      await this.writes.run((manager) =>
        manager
          .createQueryBuilder()
          .insert()
          .into(Vote)
          .values({ articleId, voterHash, stars, createdAt: now, updatedAt: now })
          .orUpdate(['stars', 'updated_at'], ['article_id', 'voter_hash'])
          .updateEntity(false)
          .execute(),
      );
    } catch (error) {
      // The article was deleted between the check and the write.
      if (error instanceof QueryFailedError && /FOREIGN KEY/i.test(error.message)) throw articleNotFound();
      throw error;
    }
  }
}

function articleNotFound() {
  return notFound('No article has that articleId.', { argumentName: 'articleId' });
}

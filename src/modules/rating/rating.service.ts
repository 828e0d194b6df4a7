import { In, type Repository } from 'typeorm';
import { IdListRead } from '../../db/hydrate';
import { badUserInput, notFound } from '../../shared/errors';
import type { Article } from '../article/article.entity';
import type { ArticleRating } from './article-rating.entity';
import { NO_RATING_EVENTS, type RatingEvents } from './rating-events';
import { emptyHistogram, Rating, STAR_LEVELS } from './rating.type';
import { histogramOf, type VoteCommitter } from './vote-committer';
import { VoteLimiter } from './vote-limiter';
import type { Vote } from './vote.entity';

/** Who is voting: the salted voter hash (stored) and the client address (only ever in memory, for the limits). */
export interface VoterIdentity {
  hash: string;
  address?: string;
}

export class RatingService {
  constructor(
    private readonly votes: Repository<Vote>,
    tallies: Repository<ArticleRating>,
    private readonly articles: Repository<Article>,
    /** Shared by every service instance of the process: one group commit for all votes. */
    private readonly committer: VoteCommitter,
    /** Shared by every service instance of the process: the per-address vote limits. */
    private readonly limiter: VoteLimiter = VoteLimiter.off(),
    /** Hears every accepted vote's new tally (ratingChanged subscriptions). */
    private readonly events: RatingEvents = NO_RATING_EVENTS,
  ) {
    this.tallyRows = new IdListRead((articleIds) =>
      tallies
        .createQueryBuilder('tally')
        .select(['tally.articleId', 'tally.stars1', 'tally.stars2', 'tally.stars3', 'tally.stars4', 'tally.stars5'])
        .where('tally.articleId IN (:...articleIds)', { articleIds }),
    );
  }

  private readonly tallyRows: IdListRead<ArticleRating>;

  /** Each article's tally, from the tallies kept with the votes (exact, see VoteCommitter); one query. */
  async ratingsByArticleIds(articleIds: readonly number[]): Promise<Rating[]> {
    const { entities: rows } = await this.tallyRows.read(articleIds);
    const byArticle = new Map(rows.map((row) => [row.articleId, histogramOf(row)]));
    return articleIds.map((id) => new Rating(id, byArticle.get(id) ?? emptyHistogram()));
  }

  /** One voter's stars on each article (null where they have not voted); one query. */
  async starsByVoter(voterHash: string, articleIds: readonly number[]): Promise<(number | null)[]> {
    const rows = await this.votes.find({
      select: { articleId: true, stars: true },
      where: { voterHash, articleId: In([...articleIds]) },
    });
    const byArticle = new Map(rows.map((row) => [row.articleId, row.stars]));
    return articleIds.map((id) => byArticle.get(id) ?? null);
  }

  /**
   * Records the voter's stars, replacing an earlier vote, and returns the article's tally right
   * after it was committed. The vote and the tally change in one transaction, shared with the
   * other votes waiting at that moment (VoteCommitter), so the tally is always the sum of the
   * votes. The vote limits are checked last before the write: a vote refused for any reason (bad
   * stars, no such article, RATE_LIMITED) stores nothing, and only a valid vote spends the limits.
   */
  async rate(articleId: number, voter: VoterIdentity, stars: number): Promise<Rating> {
    if (!Number.isInteger(stars) || stars < 1 || stars > STAR_LEVELS) {
      throw badUserInput(`stars must be a whole number from 1 to ${STAR_LEVELS} (got ${stars})`, { argumentName: 'stars' });
    }
    // Only a vote for an article that exists may spend the limits; without limits, the write's own check is enough.
    if (this.limiter.enabled && !(await this.articles.existsBy({ id: articleId }))) throw articleNotFound();
    await this.limiter.admit(voter.address, voter.hash);
    const result = await this.committer.commit({ articleId, voterHash: voter.hash, stars });
    // The article was deleted between the check and the write.
    if (result.status === 'no-article') throw articleNotFound();
    const rating = new Rating(articleId, histogramOf(result.tally));
    this.events.publish(articleId, { rating, voterHash: voter.hash, version: result.tally.version });
    return rating;
  }
}

function articleNotFound() {
  return notFound('No article has that articleId.', { argumentName: 'articleId' });
}

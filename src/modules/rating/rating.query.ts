import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Vote } from './vote.entity';

/**
 * A subquery selecting `article_id`, `average` (mean stars) and `votes` of every article with a
 * vote: what the article list filters (minRating) and orders (RATING_DESC) by, handed to it as
 * ArticleListSources.ratingTally by src/server/services.ts.
 */
export function ratingTally(sub: SelectQueryBuilder<ObjectLiteral>): SelectQueryBuilder<ObjectLiteral> {
  return sub
    .from(Vote, 'vote')
    .select('vote.article_id', 'article_id')
    .addSelect('AVG(vote.stars)', 'average')
    .addSelect('COUNT(*)', 'votes')
    .groupBy('vote.article_id');
}

import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ArticleRating } from './article-rating.entity';

/**
 * A subquery selecting `article_id`, `average` (mean stars) and `votes` of every article with a
 * vote: what the article list filters (minRating) and orders (RATING_DESC) by, handed to it as
 * ArticleListSources.ratingTally by src/server/services.ts.
 */
export function ratingTally(sub: SelectQueryBuilder<ObjectLiteral>): SelectQueryBuilder<ObjectLiteral> {
  // Read from the tallies the vote transaction keeps (article_rating), not counted from the votes.
  return sub
    .from(ArticleRating, 'tally')
    .select('tally.article_id', 'article_id')
    .addSelect('CAST(tally.star_sum AS DOUBLE PRECISION) / tally.votes', 'average')
    .addSelect('tally.votes', 'votes')
    .where('tally.votes > 0');
}

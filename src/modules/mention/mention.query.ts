import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Mention } from './mention.entity';

/**
 * SQL over the mention table for the queries of other modules: the article and people lists
 * receive `namesPerson` and `mentionTally` through src/server/services.ts (ArticleListSources,
 * PersonListSources), quote uses `namesPerson` directly.
 */

/**
 * How far the article side of `sharedMentions` looks: for each person, the articles naming them
 * published nearest to the article, this many on either side (more where dates tie at an edge). A person named in thousands of
 * articles made "related" read all of them for every article page (five times slower on 100,000
 * articles than on 1,000); near in time is also what a reader means by related news.
 */
export const RELATED_WINDOW = 25;

/**
 * The date of `mine`'s person's RELATED_WINDOW-th article before (or after) `mine`'s, from the
 * person's date index; the person's first (or last) date when there are fewer.
 */
const windowEdge = (side: 'before' | 'after') => {
  const [compare, direction, fallback] = side === 'before' ? ['<=', 'DESC', 'MIN'] : ['>=', 'ASC', 'MAX'];
  return `COALESCE(
    (SELECT near.published_at FROM mention near WHERE near.person_id = mine.person_id AND near.published_at ${compare} mine.published_at
     ORDER BY near.published_at ${direction} LIMIT 1 OFFSET ${RELATED_WINDOW}),
    (SELECT ${fallback}(near.published_at) FROM mention near WHERE near.person_id = mine.person_id))`;
};

/**
 * The mention graph seen from one side, for several subjects at once: for articles, the other
 * articles that name any of their people (for each person, only the RELATED_WINDOW articles
 * nearest in time on either side); for people, the other people named in any of their articles.
 * Selects `owner` (the subject), `id` (the other article or person), `shared` (how many people,
 * or articles, the two have in common) and, for articles, `published` (the other article's date)
 * as a subquery to join on.
 */
export function sharedMentions(side: 'article' | 'person', ids: readonly number[]) {
  const own = `${side}_id`;
  const through = side === 'article' ? 'person_id' : 'article_id';
  return (sub: SelectQueryBuilder<ObjectLiteral>) => {
    const query = sub
      .from(Mention, 'mine')
      .select(`mine.${own}`, 'owner')
      .addSelect(`theirs.${own}`, 'id')
      .addSelect('COUNT(*)', 'shared')
      .where(`mine.${own} IN (:...sharedWith)`, { sharedWith: [...ids] })
      .groupBy(`mine.${own}`)
      .addGroupBy(`theirs.${own}`);
    if (side === 'person')
      return query.innerJoin(Mention, 'theirs', `theirs.${through} = mine.${through} AND theirs.${own} != mine.${own}`);
    return query
      .innerJoin(
        Mention,
        'theirs',
        `theirs.person_id = mine.person_id AND theirs.article_id != mine.article_id
         AND theirs.published_at BETWEEN ${windowEdge('before')} AND ${windowEdge('after')}`,
      )
      .addSelect('MAX(theirs.published_at)', 'published');
  };
}

/**
 * An SQL condition: the article in `articleColumn` names the person in `personColumn` (each a
 * column or a `:parameter`); `alias` names the mention table inside it, unique in the query.
 */
export function namesPerson(articleColumn: string, personColumn: string, alias: string): string {
  return `EXISTS (SELECT 1 FROM mention ${alias} WHERE ${alias}.article_id = ${articleColumn} AND ${alias}.person_id = ${personColumn})`;
}

/** A subquery selecting `person_id` and `total` (how many articles name them) of every person named anywhere. */
export function mentionTally(sub: SelectQueryBuilder<ObjectLiteral>): SelectQueryBuilder<ObjectLiteral> {
  return sub.from(Mention, 'mention').select('mention.person_id', 'person_id').addSelect('COUNT(*)', 'total').groupBy('mention.person_id');
}

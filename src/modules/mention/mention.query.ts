import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Mention } from './mention.entity';

/**
 * SQL over the mention table for the queries of other modules: the article and people lists
 * receive `namesPerson` and `mentionTally` through src/server/services.ts (ArticleListSources,
 * PersonListSources), quote uses `namesPerson` directly.
 */

/**
 * The mention graph seen from one side, for several subjects at once: for articles, the other
 * articles that name any of their people; for people, the other people named in any of their
 * articles. Selects `owner` (the subject), `id` (the other article or person) and `shared` (how
 * many people, or articles, the two have in common) as a subquery to join on.
 */
export function sharedMentions(side: 'article' | 'person', ids: readonly number[]) {
  const own = `${side}_id`;
  const through = side === 'article' ? 'person_id' : 'article_id';
  return (sub: SelectQueryBuilder<ObjectLiteral>) =>
    sub
      .from(Mention, 'mine')
      .innerJoin(Mention, 'theirs', `theirs.${through} = mine.${through} AND theirs.${own} != mine.${own}`)
      .select(`mine.${own}`, 'owner')
      .addSelect(`theirs.${own}`, 'id')
      .addSelect('COUNT(*)', 'shared')
      .where(`mine.${own} IN (:...sharedWith)`, { sharedWith: [...ids] })
      .groupBy(`mine.${own}`)
      .addGroupBy(`theirs.${own}`);
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

import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Mention } from './mention.entity';

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

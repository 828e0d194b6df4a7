import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Mention } from './mention.entity';

/**
 * The mention graph seen from one side: for an article, the other articles that name any of its
 * people; for a person, the other people named in any of their articles. Selects `id` and
 * `shared` (how many people, or articles, they have in common) as a subquery to join on.
 */
export function sharedMentions(side: 'article' | 'person', id: number) {
  const own = `${side}_id`;
  const through = side === 'article' ? 'person_id' : 'article_id';
  return (sub: SelectQueryBuilder<ObjectLiteral>) =>
    sub
      .from(Mention, 'mine')
      .innerJoin(Mention, 'theirs', `theirs.${through} = mine.${through} AND theirs.${own} != mine.${own}`)
      .select(`theirs.${own}`, 'id')
      .addSelect('COUNT(*)', 'shared')
      .where(`mine.${own} = :sharedWith`, { sharedWith: id })
      .groupBy(`theirs.${own}`);
}

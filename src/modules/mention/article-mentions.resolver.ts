import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Directive, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import { CacheHint } from '../../shared/cache-hints';
import { firstRowsCost, listCost } from '../../shared/complexity';
import { boundedCount } from '../../shared/pagination';
import { selectedFields } from '../../shared/selected-fields';
import { Article } from '../article/article.entity';
import { Person } from '../person/person.entity';
import { MentionRole } from './mention-role.enum';
import type { MentionContext } from './mention.context';
import { RELATED_WINDOW } from './mention.query';

const MAX_RELATED = 50;

/** The fields the mention module adds to Article: who it names, and the articles that name the same people. */
@Resolver(() => Article)
export class ArticleMentionsResolver {
  @FieldResolver(() => [Person], { complexity: listCost(), description: 'The people the article names, in order of first appearance.' })
  async people(
    @Root() article: Article,
    @Ctx() { loaders }: MentionContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('role', () => MentionRole, { nullable: true, description: 'Only the people with this role.' }) role?: MentionRole | null,
  ): Promise<Person[]> {
    const mentions = await loaders.mentionsByArticle.load({ fields: selectedFields(info), role: role != null }, article.id);
    return mentions.filter((mention) => role == null || mention.role === role).map((mention) => mention.person);
  }

  @Directive(CacheHint.LIST)
  @FieldResolver(() => [Article], {
    complexity: firstRowsCost,
    description: `Other articles ranked by how many people they share with this one, then newest first. For each person, the articles naming them published nearest to this one count (${RELATED_WINDOW} on either side).`,
  })
  relatedArticles(
    @Root() article: Article,
    @Ctx() { loaders }: MentionContext,
    @Arg('first', () => Int, { defaultValue: 5, description: `At most ${MAX_RELATED}.` }) first: number,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Article[]> {
    return loaders.relatedByArticle.load({ limit: boundedCount(first, MAX_RELATED), fields: selectedFields(info) }, article.id);
  }
}

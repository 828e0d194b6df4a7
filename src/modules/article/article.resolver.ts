import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../../server/context';
import { badUserInput } from '../../server/errors';
import { expectGlobalId } from '../../shared/global-id';
import { ConnectionArgs, pageRequest, toConnection } from '../../shared/pagination';
import { MentionRole } from '../person/mention-role.enum';
import { Person } from '../person/person.entity';
import { Quote } from '../quote/quote.entity';
import { Rating } from '../rating/rating.type';
import { ArticleConnection } from './article.connection';
import { Article } from './article.entity';
import { ArticleLookupArgs } from './article-lookup.args';

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true, description: 'An article by id or slug (give exactly one); null when there is none.' })
  async article(@Args() { id, slug }: ArticleLookupArgs, @Ctx() { services }: GatewayContext): Promise<Article | null> {
    if ((id == null) === (slug == null)) throw badUserInput('article needs exactly one of id or slug.');
    if (id != null) return services.articles.findById(expectGlobalId(id, 'Article', 'id'));
    return services.articles.findBySlug(slug as string);
  }

  @Query(() => ArticleConnection, { description: 'All articles, newest first.' })
  async articles(@Args() args: ConnectionArgs, @Ctx() { services }: GatewayContext) {
    return toConnection(await services.articles.list(pageRequest(args)));
  }

  @FieldResolver(() => [Person], { description: 'The people the article names, in order of first appearance.' })
  async people(
    @Root() article: Article,
    @Ctx() { loaders }: GatewayContext,
    @Arg('role', () => MentionRole, { nullable: true, description: 'Only the people with this role.' }) role?: MentionRole | null,
  ): Promise<Person[]> {
    const mentions = await loaders.mentionsByArticle.load(article.id);
    return mentions.filter((mention) => role == null || mention.role === role).map((mention) => mention.person);
  }

  @FieldResolver(() => [Quote], { description: 'The quotes in the article, in order of appearance.' })
  quotes(@Root() article: Article, @Ctx() { loaders }: GatewayContext): Promise<Quote[]> {
    return loaders.quotesByArticle.load(article.id);
  }

  @FieldResolver(() => Rating)
  rating(@Root() article: Article, @Ctx() { loaders }: GatewayContext): Promise<Rating> {
    return loaders.ratingByArticle.load(article.id);
  }
}

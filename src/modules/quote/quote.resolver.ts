import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { connectionCost } from '../../shared/complexity';
import { expectGlobalId } from '../../shared/global-id';
import { pageRequest, toConnection } from '../../shared/pagination';
import { Article } from '../article/article.entity';
import { Person } from '../person/person.entity';
import { QuoteConnection } from './quote.connection';
import type { QuoteContext } from './quote.context';
import { Quote } from './quote.entity';
import { QuotesArgs } from './quotes.args';

@Resolver(() => Quote)
export class QuoteResolver {
  @Query(() => Quote, { nullable: true, description: 'A quote by id; null when there is none.' })
  quote(
    @Arg('id', () => ID, { description: "The quote's global ID." }) id: string,
    @Ctx() { services }: QuoteContext,
  ): Promise<Quote | null> {
    return services.quotes.findById(expectGlobalId(id, 'Quote', 'id'));
  }

  @Query(() => QuoteConnection, {
    complexity: connectionCost,
    description: 'Quotes, filtered; newest article first, in order of appearance within an article.',
  })
  async quotes(@Args() { filter, ...args }: QuotesArgs, @Ctx() { services }: QuoteContext) {
    const criteria = {
      speakerId: filter?.speakerId != null ? expectGlobalId(filter.speakerId, 'Person', 'filter.speakerId') : null,
      articleId: filter?.articleId != null ? expectGlobalId(filter.articleId, 'Article', 'filter.articleId') : null,
      query: filter?.query,
      publishedAfter: filter?.publishedAfter,
      publishedBefore: filter?.publishedBefore,
    };
    return toConnection(await services.quotes.list(criteria, pageRequest(args)));
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Who said it; null when the copy does not name the source.' })
  async speaker(@Root() quote: Quote, @Ctx() { loaders }: QuoteContext): Promise<Person | null> {
    return quote.speakerId === null ? null : loaders.personById.load(quote.speakerId);
  }

  @FieldResolver(() => Article, { description: 'The article the quote appears in.' })
  async article(@Root() quote: Quote, @Ctx() { loaders }: QuoteContext): Promise<Article> {
    const article = await loaders.articleById.load(quote.articleId);
    // Quotes are deleted with their article (ON DELETE CASCADE), so this cannot be missing.
    if (!article) throw new Error(`Quote ${quote.id} has no article ${quote.articleId}`);
    return article;
  }
}

import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { listCost } from '../../shared/complexity';
import { Article } from '../article/article.entity';
import type { QuoteContext } from './quote.context';
import { Quote } from './quote.entity';

/** The field the quote module adds to Article. */
@Resolver(() => Article)
export class ArticleQuotesResolver {
  @FieldResolver(() => [Quote], { complexity: listCost(), description: 'The quotes in the article, in order of appearance.' })
  quotes(@Root() article: Article, @Ctx() { loaders }: QuoteContext): Promise<Quote[]> {
    return loaders.quotesByArticle.load(article.id);
  }
}

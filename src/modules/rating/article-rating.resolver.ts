import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Article } from '../article/article.entity';
import type { RatingContext } from './rating.context';
import { Rating } from './rating.type';

/** The field the rating module adds to Article. */
@Resolver(() => Article)
export class ArticleRatingResolver {
  @FieldResolver(() => Rating, { description: "Readers' votes on the article." })
  rating(@Root() article: Article, @Ctx() { loaders }: RatingContext): Promise<Rating> {
    return loaders.ratingByArticle.load(article.id);
  }
}

import { Field, ObjectType } from 'type-graphql';
import { Rating } from './rating.type';

@ObjectType({ simpleResolvers: true, description: 'What rateArticle did.' })
export class RateArticlePayload {
  /** The article voted on; `article` is loaded only when the client asks for it (RatingResolver). */
  readonly articleId: number;

  @Field(() => Rating, { description: 'The tally including this vote.' })
  rating: Rating;

  constructor(articleId: number, rating: Rating) {
    this.articleId = articleId;
    this.rating = rating;
  }
}

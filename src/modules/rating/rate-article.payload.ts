import { Field, ObjectType } from 'type-graphql';
import { Article } from '../article/article.entity';
import { Rating } from './rating.type';

@ObjectType()
export class RateArticlePayload {
  @Field(() => Article)
  article: Article;

  @Field(() => Rating, { description: 'The tally including this vote.' })
  rating: Rating;
}

import { IsInt, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { STAR_LEVELS } from './rating.type';

@InputType({ description: 'One reader vote; voting again on the same article replaces the stars.' })
export class RateArticleInput {
  @Field(() => ID, { description: "The article's global ID (Article.id)." })
  articleId: string;

  @Field(() => Int, { description: 'From 1 to 5.' })
  @IsInt()
  @Min(1)
  @Max(STAR_LEVELS)
  stars: number;
}

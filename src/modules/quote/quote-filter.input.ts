import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Conditions a quote must all meet.' })
export class QuoteFilter {
  @Field(() => ID, { nullable: true, description: 'Only quotes by this person.' })
  @IsOptional()
  speakerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only quotes in this article.' })
  @IsOptional()
  articleId?: string | null;

  @Field(() => String, { nullable: true, description: 'Full-text match on the quote (same syntax as search).' })
  @IsOptional()
  @Length(1, 500)
  query?: string | null;

  @Field(() => Date, { nullable: true, description: 'The article was published at or after this time.' })
  @IsOptional()
  publishedAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'The article was published before this time.' })
  @IsOptional()
  publishedBefore?: Date | null;
}

import { IsOptional, Length, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';

@InputType({ description: 'Conditions an article must all meet.' })
export class ArticleFilter {
  @Field(() => String, { nullable: true, description: 'Only articles in this section (exact name, as in `sections`).' })
  @IsOptional()
  @Length(1, 100)
  section?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only articles that name this person.' })
  @IsOptional()
  personId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only articles that name the person with this slug.' })
  @IsOptional()
  @Length(1, 200)
  personSlug?: string | null;

  @Field(() => Date, { nullable: true, description: 'Published at or after this time.' })
  @IsOptional()
  publishedAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Published before this time.' })
  @IsOptional()
  publishedBefore?: Date | null;

  @Field(() => String, { nullable: true, description: 'Full-text match on headline, standfirst and body (same syntax as search).' })
  @IsOptional()
  @Length(1, 500)
  query?: string | null;

  @Field(() => Float, { nullable: true, description: 'Average rating at least this (1-5); unrated articles are left out.' })
  @IsOptional()
  @Min(0)
  @Max(5)
  minRating?: number | null;
}

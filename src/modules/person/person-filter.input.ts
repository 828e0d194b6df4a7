import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Conditions a person must all meet.' })
export class PersonFilter {
  @Field(() => String, { nullable: true, description: 'Full-text match on name and description (same syntax as search).' })
  @IsOptional()
  @Length(1, 500)
  query?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only people this article names.' })
  @IsOptional()
  articleId?: string | null;
}

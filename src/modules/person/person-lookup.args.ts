import { IsOptional, Length } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';

@ArgsType()
export class PersonLookupArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  id?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  slug?: string | null;
}

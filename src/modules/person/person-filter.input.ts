import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';

export enum PersonOrder {
  MENTIONS_DESC = 'MENTIONS_DESC',
  NAME_ASC = 'NAME_ASC',
}

registerEnumType(PersonOrder, {
  name: 'PersonOrder',
  valuesConfig: {
    MENTIONS_DESC: { description: 'Named in the most articles first.' },
    NAME_ASC: { description: 'Alphabetical by name, accents and case folded.' },
  },
});

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

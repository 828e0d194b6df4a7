import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A section and how many articles it holds.' })
export class SectionCount {
  @Field()
  name: string;

  @Field(() => Int)
  count: number;
}

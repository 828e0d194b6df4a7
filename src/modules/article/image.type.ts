import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The lead image of an article.' })
export class Image {
  @Field(() => String, { nullable: true })
  url: string | null;

  @Field(() => String, { nullable: true, description: 'Who the copy credits for the image.' })
  credit: string | null;

  @Field(() => String, { nullable: true })
  caption: string | null;
}

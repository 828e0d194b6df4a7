import { Directive, Field, ObjectType } from 'type-graphql';
import { CacheHint } from '../../shared/cache-hints';

@ObjectType({ simpleResolvers: true, description: 'The lead image of an article.' })
@Directive(CacheHint.RECORD)
export class Image {
  @Field(() => String, { nullable: true, description: "The image's address, as the copy gives it." })
  url: string | null;

  @Field(() => String, { nullable: true, description: 'Who the copy credits for the image.' })
  credit: string | null;

  @Field(() => String, { nullable: true, description: 'What the copy says under the image.' })
  caption: string | null;
}

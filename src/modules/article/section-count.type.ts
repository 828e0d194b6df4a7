import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { CacheHint } from '../../shared/cache-hints';

@ObjectType({ simpleResolvers: true, description: 'A section and how many articles it holds.' })
@Directive(CacheHint.LIST)
export class SectionCount {
  @Field()
  name: string;

  @Field(() => Int)
  count: number;
}

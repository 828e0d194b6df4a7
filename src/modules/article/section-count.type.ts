import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { CacheHint } from '../../shared/cache-hints';

@ObjectType({ simpleResolvers: true, description: 'A section and how many articles it holds.' })
@Directive(CacheHint.LIST)
export class SectionCount {
  @Field({ description: "The section's name, as articles give it." })
  name: string;

  @Field(() => Int, { description: 'How many articles run in it.' })
  count: number;
}

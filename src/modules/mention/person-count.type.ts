import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { CacheHint } from '../../shared/cache-hints';
import { Person } from '../person/person.entity';

@ObjectType({ simpleResolvers: true, description: 'A person and how many articles they share with another.' })
@Directive(CacheHint.LIST)
export class PersonCount {
  @Field(() => Person, { description: 'The other person.' })
  person: Person;

  @Field(() => Int, { description: 'How many articles name both.' })
  count: number;
}

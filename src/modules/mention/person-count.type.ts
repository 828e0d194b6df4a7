import { Field, Int, ObjectType } from 'type-graphql';
import { Person } from '../person/person.entity';

@ObjectType({ description: 'A person and how many articles they share with another.' })
export class PersonCount {
  @Field(() => Person)
  person: Person;

  @Field(() => Int)
  count: number;
}

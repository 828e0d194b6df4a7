import { ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { ConnectionArgs } from '../../shared/pagination';
import { PersonFilter } from './person-filter.input';
import { PersonOrder } from './person-order.enum';

@ArgsType()
export class PeopleArgs extends ConnectionArgs {
  @Field(() => PersonFilter, { nullable: true, description: 'Only the people that match; everyone when omitted.' })
  @ValidateNested()
  filter?: PersonFilter | null;

  @Field(() => PersonOrder, { nullable: true, defaultValue: PersonOrder.MENTIONS_DESC, description: 'The order of the list.' })
  orderBy?: PersonOrder | null;
}

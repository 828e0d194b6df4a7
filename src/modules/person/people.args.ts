import { ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { ConnectionArgs } from '../../shared/pagination';
import { PersonFilter } from './person-filter.input';
import { PersonOrder } from './person-order.enum';

@ArgsType()
export class PeopleArgs extends ConnectionArgs {
  @Field(() => PersonFilter, { nullable: true })
  @ValidateNested()
  filter?: PersonFilter | null;

  @Field(() => PersonOrder, { nullable: true, defaultValue: PersonOrder.MENTIONS_DESC })
  orderBy?: PersonOrder | null;
}

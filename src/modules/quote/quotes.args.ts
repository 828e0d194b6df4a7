import { ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { ConnectionArgs } from '../../shared/pagination';
import { QuoteFilter } from './quote-filter.input';

@ArgsType()
export class QuotesArgs extends ConnectionArgs {
  @Field(() => QuoteFilter, { nullable: true, description: 'Only the quotes that match; all when omitted.' })
  @ValidateNested()
  filter?: QuoteFilter | null;
}

import { ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { ConnectionArgs } from '../../shared/pagination';
import { ArticleFilter } from './article-filter.input';
import { ArticleOrder } from './article-order.enum';

@ArgsType()
export class ArticlesArgs extends ConnectionArgs {
  @Field(() => ArticleFilter, { nullable: true, description: 'Only the articles that match every condition given; all when omitted.' })
  @ValidateNested()
  filter?: ArticleFilter | null;

  @Field(() => ArticleOrder, { nullable: true, defaultValue: ArticleOrder.PUBLISHED_AT_DESC, description: 'The order of the list.' })
  orderBy?: ArticleOrder | null;
}

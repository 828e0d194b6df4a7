import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { connectionCost } from '../../shared/complexity';
import { expectGlobalId } from '../../shared/global-id';
import { findByIdOrSlug, IdOrSlugArgs } from '../../shared/id-or-slug.args';
import { pageRequest, toConnection } from '../../shared/pagination';
import { PeopleArgs } from './people.args';
import { PersonOrder } from './person-order.enum';
import { PersonConnection } from './person.connection';
import type { PersonContext } from './person.context';
import { Person } from './person.entity';

/**
 * The person queries. The fields other modules add to Person live in their own resolvers:
 * `articles`, `coMentioned` and `mentionCount` (mention), `quotes`, `quotesAbout` and
 * `quoteCount` (quote).
 */
@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'A person by id or slug (give exactly one); null when there is none.' })
  person(@Args() args: IdOrSlugArgs, @Ctx() { services }: PersonContext): Promise<Person | null> {
    return findByIdOrSlug(
      args,
      'Person',
      (id) => services.people.findById(id),
      (slug) => services.people.findBySlug(slug),
    );
  }

  @Query(() => PersonConnection, {
    complexity: connectionCost,
    description: 'People, filtered and ordered (most mentioned first by default).',
  })
  async people(@Args() args: PeopleArgs, @Ctx() { services }: PersonContext) {
    const criteria = {
      query: args.filter?.query,
      articleId: args.filter?.articleId != null ? expectGlobalId(args.filter.articleId, 'Article', 'filter.articleId') : null,
    };
    return toConnection(await services.people.list(criteria, args.orderBy ?? PersonOrder.MENTIONS_DESC, pageRequest(args)));
  }
}

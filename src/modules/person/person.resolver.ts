import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../../server/context';
import { connectionCost, firstRowsCost } from '../../shared/complexity';
import { expectGlobalId } from '../../shared/global-id';
import { findByIdOrSlug, IdOrSlugArgs } from '../../shared/id-or-slug.args';
import { boundedCount, ConnectionArgs, pageRequest, toConnection } from '../../shared/pagination';
import { ArticleConnection } from '../article/article.connection';
import { QuoteConnection } from '../quote/quote.connection';
import { PeopleArgs } from './people.args';
import { PersonCount } from './person-count.type';
import { PersonOrder } from './person-filter.input';
import { PersonConnection } from './person.connection';
import { Person } from './person.entity';

const MAX_CO_MENTIONED = 100;

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'A person by id or slug (give exactly one); null when there is none.' })
  person(@Args() args: IdOrSlugArgs, @Ctx() { services }: GatewayContext): Promise<Person | null> {
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
  async people(@Args() args: PeopleArgs, @Ctx() { services }: GatewayContext) {
    const criteria = {
      query: args.filter?.query,
      articleId: args.filter?.articleId != null ? expectGlobalId(args.filter.articleId, 'Article', 'filter.articleId') : null,
    };
    return toConnection(await services.people.list(criteria, args.orderBy ?? PersonOrder.MENTIONS_DESC, pageRequest(args)));
  }

  @FieldResolver(() => Int, { description: 'How many articles name this person.' })
  mentionCount(@Root() person: Person, @Ctx() { loaders }: GatewayContext): Promise<number> {
    return loaders.mentionCountByPerson.load(person.id);
  }

  @FieldResolver(() => Int, { description: 'How many quotes are attributed to this person.' })
  quoteCount(@Root() person: Person, @Ctx() { loaders }: GatewayContext): Promise<number> {
    return loaders.quoteCountByPerson.load(person.id);
  }

  @FieldResolver(() => ArticleConnection, { complexity: connectionCost, description: 'Articles that name this person, newest first.' })
  async articles(@Root() person: Person, @Args() args: ConnectionArgs, @Ctx() { loaders }: GatewayContext) {
    // Batched: every person on the page with the same arguments shares one statement.
    return toConnection(await loaders.articlesByPerson.load(pageRequest(args), person.id));
  }

  @FieldResolver(() => QuoteConnection, { complexity: connectionCost, description: "This person's quotes, newest article first." })
  async quotes(@Root() person: Person, @Args() args: ConnectionArgs, @Ctx() { loaders }: GatewayContext) {
    return toConnection(await loaders.quotesBySpeaker.load(pageRequest(args), person.id));
  }

  @FieldResolver(() => QuoteConnection, {
    complexity: connectionCost,
    description: "This person's quotes in articles that also name another person (what X said in articles about Y).",
  })
  async quotesAbout(
    @Root() person: Person,
    @Arg('personId', () => ID) personId: string,
    @Args() args: ConnectionArgs,
    @Ctx() { loaders }: GatewayContext,
  ) {
    const aboutPersonId = expectGlobalId(personId, 'Person', 'personId');
    return toConnection(await loaders.quotesAboutBySpeaker.load({ aboutPersonId, request: pageRequest(args) }, person.id));
  }

  @FieldResolver(() => [PersonCount], {
    complexity: firstRowsCost,
    description: 'People named in the same articles, with how many articles they share; most shared first.',
  })
  coMentioned(
    @Root() person: Person,
    @Ctx() { loaders }: GatewayContext,
    @Arg('first', () => Int, { defaultValue: 10, description: `At most ${MAX_CO_MENTIONED}.` }) first: number,
  ): Promise<PersonCount[]> {
    return loaders.coMentionedByPerson.load(boundedCount(first, MAX_CO_MENTIONED), person.id);
  }
}

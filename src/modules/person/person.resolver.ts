import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../../server/context';
import { expectGlobalId } from '../../shared/global-id';
import { findByIdOrSlug, IdOrSlugArgs } from '../../shared/id-or-slug.args';
import { boundedCount, ConnectionArgs, pageRequest, toConnection } from '../../shared/pagination';
import { ArticleOrder } from '../article/article-filter.input';
import { ArticleConnection } from '../article/article.connection';
import { QuoteConnection } from '../quote/quote.connection';
import { PeopleArgs } from './people.args';
import { PersonOrder } from './person-filter.input';
import { PersonConnection } from './person.connection';
import { PersonCount } from './person-count.type';
import { Person } from './person.entity';

const MAX_CO_MENTIONED = 100;

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'A person by id or slug (give exactly one); null when there is none.' })
  person(@Args() args: IdOrSlugArgs, @Ctx() { services }: GatewayContext): Promise<Person | null> {
    return findByIdOrSlug(args, 'Person', (id) => services.people.findById(id), (slug) => services.people.findBySlug(slug));
  }

  @Query(() => PersonConnection, { description: 'People, filtered and ordered (most mentioned first by default).' })
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

  @FieldResolver(() => ArticleConnection, { description: 'Articles that name this person, newest first.' })
  async articles(@Root() person: Person, @Args() args: ConnectionArgs, @Ctx() { services }: GatewayContext) {
    return toConnection(await services.articles.list({ personId: person.id }, ArticleOrder.PUBLISHED_AT_DESC, pageRequest(args)));
  }

  @FieldResolver(() => QuoteConnection, { description: "This person's quotes, newest article first." })
  async quotes(@Root() person: Person, @Args() args: ConnectionArgs, @Ctx() { services }: GatewayContext) {
    return toConnection(await services.quotes.list({ speakerId: person.id }, pageRequest(args)));
  }

  @FieldResolver(() => QuoteConnection, {
    description: "This person's quotes in articles that also name another person (what X said in articles about Y).",
  })
  async quotesAbout(
    @Root() person: Person,
    @Arg('personId', () => ID) personId: string,
    @Args() args: ConnectionArgs,
    @Ctx() { services }: GatewayContext,
  ) {
    const aboutPersonId = expectGlobalId(personId, 'Person', 'personId');
    return toConnection(await services.quotes.list({ speakerId: person.id, aboutPersonId }, pageRequest(args)));
  }

  @FieldResolver(() => [PersonCount], { description: 'People named in the same articles, with how many articles they share; most shared first.' })
  coMentioned(
    @Root() person: Person,
    @Ctx() { services }: GatewayContext,
    @Arg('first', () => Int, { defaultValue: 10, description: `At most ${MAX_CO_MENTIONED}.` }) first: number,
  ): Promise<PersonCount[]> {
    return services.people.coMentioned(person.id, boundedCount(first, MAX_CO_MENTIONED));
  }
}

import { Arg, Args, Ctx, Directive, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import { CacheHint } from '../../shared/cache-hints';
import { connectionCost } from '../../shared/complexity';
import { expectGlobalId } from '../../shared/global-id';
import { ConnectionArgs, pageRequest, toConnection } from '../../shared/pagination';
import { Person } from '../person/person.entity';
import { QuoteConnection } from './quote.connection';
import type { QuoteContext } from './quote.context';

/** The fields the quote module adds to Person: what they said, and how often. */
@Resolver(() => Person)
export class PersonQuotesResolver {
  @FieldResolver(() => Int, { description: 'How many quotes are attributed to this person.' })
  @Directive(CacheHint.LIST)
  quoteCount(@Root() person: Person, @Ctx() { loaders }: QuoteContext): Promise<number> {
    return loaders.quoteCountByPerson.load(person.id);
  }

  @FieldResolver(() => QuoteConnection, { complexity: connectionCost, description: "This person's quotes, newest article first." })
  async quotes(@Root() person: Person, @Args() args: ConnectionArgs, @Ctx() { loaders }: QuoteContext) {
    return toConnection(await loaders.quotesBySpeaker.load(pageRequest(args), person.id));
  }

  @FieldResolver(() => QuoteConnection, {
    complexity: connectionCost,
    description: "This person's quotes in articles that also name another person (what X said in articles about Y).",
  })
  async quotesAbout(
    @Root() person: Person,
    @Arg('personId', () => ID, { description: 'The global ID of the person the articles name.' }) personId: string,
    @Args() args: ConnectionArgs,
    @Ctx() { loaders }: QuoteContext,
  ) {
    const aboutPersonId = expectGlobalId(personId, 'Person', 'personId');
    return toConnection(await loaders.quotesAboutBySpeaker.load({ aboutPersonId, request: pageRequest(args) }, person.id));
  }
}

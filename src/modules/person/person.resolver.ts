import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../../server/context';
import { badUserInput } from '../../server/errors';
import { expectGlobalId } from '../../shared/global-id';
import { ConnectionArgs, pageRequest, toConnection } from '../../shared/pagination';
import { ArticleConnection } from '../article/article.connection';
import { QuoteConnection } from '../quote/quote.connection';
import { PersonLookupArgs } from './person-lookup.args';
import { Person } from './person.entity';

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'A person by id or slug (give exactly one); null when there is none.' })
  async person(@Args() { id, slug }: PersonLookupArgs, @Ctx() { services }: GatewayContext): Promise<Person | null> {
    if ((id == null) === (slug == null)) throw badUserInput('person needs exactly one of id or slug.');
    if (id != null) return services.people.findById(expectGlobalId(id, 'Person', 'id'));
    return services.people.findBySlug(slug as string);
  }

  @FieldResolver(() => ArticleConnection, { description: 'Articles that name this person, newest first.' })
  async articles(@Root() person: Person, @Args() args: ConnectionArgs, @Ctx() { services }: GatewayContext) {
    return toConnection(await services.articles.listMentioning(person.id, pageRequest(args)));
  }

  @FieldResolver(() => QuoteConnection, { description: "This person's quotes, newest article first." })
  async quotes(@Root() person: Person, @Args() args: ConnectionArgs, @Ctx() { services }: GatewayContext) {
    return toConnection(await services.quotes.listBySpeaker(person.id, pageRequest(args)));
  }
}

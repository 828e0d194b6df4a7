import { Arg, Args, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { CacheHint } from '../../shared/cache-hints';
import { connectionCost, firstRowsCost } from '../../shared/complexity';
import { boundedCount, ConnectionArgs, pageRequest, toConnection } from '../../shared/pagination';
import { ArticleConnection } from '../article/article.connection';
import { Person } from '../person/person.entity';
import type { MentionContext } from './mention.context';
import { PersonCount } from './person-count.type';

const MAX_CO_MENTIONED = 100;

/** The fields the mention module adds to Person: the articles that name them, and who appears with them. */
@Resolver(() => Person)
export class PersonMentionsResolver {
  @FieldResolver(() => Int, { description: 'How many articles name this person.' })
  @Directive(CacheHint.LIST)
  mentionCount(@Root() person: Person, @Ctx() { loaders }: MentionContext): Promise<number> {
    return loaders.mentionCountByPerson.load(person.id);
  }

  @FieldResolver(() => ArticleConnection, { complexity: connectionCost, description: 'Articles that name this person, newest first.' })
  async articles(@Root() person: Person, @Args() args: ConnectionArgs, @Ctx() { loaders }: MentionContext) {
    // Batched: every person on the page with the same arguments shares one statement.
    return toConnection(await loaders.articlesByPerson.load(pageRequest(args), person.id));
  }

  @FieldResolver(() => [PersonCount], {
    complexity: firstRowsCost,
    description: 'People named in the same articles, with how many articles they share; most shared first.',
  })
  coMentioned(
    @Root() person: Person,
    @Ctx() { loaders }: MentionContext,
    @Arg('first', () => Int, { defaultValue: 10, description: `At most ${MAX_CO_MENTIONED}.` }) first: number,
  ): Promise<PersonCount[]> {
    return loaders.coMentionedByPerson.load(boundedCount(first, MAX_CO_MENTIONED), person.id);
  }
}

import 'reflect-metadata';
import { type GraphQLSchema, isAbstractType, specifiedDirectives } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchemaSync, type PubSub } from 'type-graphql';
import { ArticleResolver } from '../modules/article/article.resolver';
import { ImportResolver } from '../modules/import/import.resolver';
import { ArticleMentionsResolver } from '../modules/mention/article-mentions.resolver';
import { PersonMentionsResolver } from '../modules/mention/person-mentions.resolver';
import { NodeResolver } from '../modules/node/node.resolver';
import { PersonResolver } from '../modules/person/person.resolver';
import { ArticleQuotesResolver } from '../modules/quote/article-quotes.resolver';
import { PersonQuotesResolver } from '../modules/quote/person-quotes.resolver';
import { QuoteResolver } from '../modules/quote/quote.resolver';
import { ArticleRatingResolver } from '../modules/rating/article-rating.resolver';
import { RateArticlePayloadResolver, RatingResolver } from '../modules/rating/rating.resolver';
import { SearchResolver } from '../modules/search/search.resolver';
import { typeNameOf } from '../shared/node.interface';
import { authChecker } from './auth-checker';
import { cacheControlDirective } from './cache-control.directive';

/**
 * Every resolver class, by module. Article and Person get their fields from several modules:
 * each module that adds fields to them has its own `@Resolver(() => Article)` or
 * `@Resolver(() => Person)` class (mention, quote, rating), so the modules below never import
 * the ones above. The committed SDL is sorted (print-schema.ts), so this order does not show in it.
 */
export const resolvers = [
  NodeResolver,
  ArticleResolver,
  PersonResolver,
  ArticleMentionsResolver,
  PersonMentionsResolver,
  QuoteResolver,
  ArticleQuotesResolver,
  PersonQuotesResolver,
  RatingResolver,
  RateArticlePayloadResolver,
  ArticleRatingResolver,
  ImportResolver,
  SearchResolver,
] as const;

let cached: GraphQLSchema | undefined;

/** The executable schema, built once per process from the resolver classes. */
/**
 * type-graphql builds no subscription without a schema-wide PubSub, but each subscription here
 * takes its events from the request context (`subscribe`), so that every gateway has its own
 * (src/modules/rating/rating-events.ts). This one is never used.
 */
const NO_SCHEMA_PUBSUB: PubSub = {
  publish() {
    throw new Error('Subscriptions publish through the context, not the schema.');
  },
  subscribe() {
    throw new Error('Subscriptions subscribe through the context, not the schema.');
  },
};

export function buildGatewaySchema(): GraphQLSchema {
  cached ??= buildSchemaSync({
    resolvers,
    // DateTime (ISO-8601 strings, always UTC with a Z) is the contract's name for dates.
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: { forbidUnknownValues: false },
    authChecker,
    // Declares Apollo's @cacheControl, which the types and fields carry (src/shared/cache-hints.ts).
    directives: [...specifiedDirectives, cacheControlDirective],
    pubSub: NO_SCHEMA_PUBSUB,
  });
  // type-graphql wraps each resolveType in an async function: a promise per interface or union
  // value, which graphql-jit (src/server/compiled-execution.ts) cannot take. Every abstract type
  // here resolves by class name (Node, SearchHit), so they get that function itself.
  for (const type of Object.values(cached.getTypeMap())) {
    if (isAbstractType(type)) type.resolveType = typeNameOf;
  }
  // type-graphql builds the root types itself, without a description.
  cached.getQueryType()!.description = 'Reads: articles, people, quotes, search, and anything by its global ID.';
  cached.getMutationType()!.description = 'Writes: votes, and imports with an editor key.';
  cached.getSubscriptionType()!.description = 'Live updates over graphql-ws (WebSocket) on /graphql.';
  return cached;
}

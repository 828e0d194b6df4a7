import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchemaSync } from 'type-graphql';
import { ArticleResolver } from '../modules/article/article.resolver';
import { ImportResolver } from '../modules/import/import.resolver';
import { NodeResolver } from '../modules/node/node.resolver';
import { PersonResolver } from '../modules/person/person.resolver';
import { QuoteResolver } from '../modules/quote/quote.resolver';
import { RatingResolver } from '../modules/rating/rating.resolver';
import { SearchResolver } from '../modules/search/search.resolver';
import { authChecker } from '../server/auth-checker';

export const resolvers = [
  NodeResolver,
  ArticleResolver,
  PersonResolver,
  QuoteResolver,
  RatingResolver,
  ImportResolver,
  SearchResolver,
] as const;

let cached: GraphQLSchema | undefined;

/** The executable schema, built once per process from the resolver classes. */
export function buildGatewaySchema(): GraphQLSchema {
  cached ??= buildSchemaSync({
    resolvers,
    // DateTime (ISO-8601 strings, always UTC with a Z) is the contract's name for dates.
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: { forbidUnknownValues: false },
    authChecker,
  });
  return cached;
}

import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { CacheTag } from '../../shared/cache-hints';
import { typeNameOf } from '../../shared/node.interface';

/** The slice of the request context the tags are collected in; absent when the response cannot be cached. */
export interface CacheTagContext {
  cacheTags?: Set<string>;
}

/** The tag of each object a response can hold, from the resolved object itself. */
const OBJECT_TAGS: Record<string, (value: Record<string, unknown>, tags: Set<string>) => void> = {
  Article: (article, tags) => tags.add(CacheTag.node('Article', article.id as number)),
  Person: (person, tags) => tags.add(CacheTag.node('Person', person.id as number)),
  // A quote belongs to its article: importing the article again replaces its quotes.
  Quote: (quote, tags) => tags.add(CacheTag.node('Quote', quote.id as number)).add(CacheTag.node('Article', quote.articleId as number)),
  Rating: (rating, tags) => tags.add(CacheTag.rating(rating.articleId as number)),
};

/** Root lookups: what they found is tagged by the objects above; a miss could be filled by an import. */
const LOOKUPS = new Set(['article', 'person', 'quote', 'node', 'nodes']);
/** Lists below the root that an import can change without changing their parent. */
const LIST_FIELDS = new Set(['Article.relatedArticles']);

const tagged = new WeakSet<GraphQLSchema>();

const containsNull = (value: unknown) => value === null || (Array.isArray(value) && value.some((item) => item === null));

/**
 * Wraps the schema's resolvers so that each request collects what its response depends on (see
 * CacheTag): every Article, Person, Quote and Rating resolved, every root list (and the
 * rating-ordered ones apart), and lookups that found nothing. The response cache files the
 * response under these tags, and a write evicts exactly the responses under the tags it changes.
 * Requests without `cacheTags` in their context pay one property read per field.
 */
export function collectCacheTags(schema: GraphQLSchema): GraphQLSchema {
  if (tagged.has(schema)) return schema;
  tagged.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const tagObject = OBJECT_TAGS[type.name];
    const isQuery = type === schema.getQueryType();
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, CacheTagContext> = field.resolve ?? defaultFieldResolver;
      if (tagObject) {
        const isList = LIST_FIELDS.has(`${type.name}.${field.name}`);
        field.resolve = (source, args, context, info) => {
          const tags = context?.cacheTags;
          if (tags) {
            tagObject(source as Record<string, unknown>, tags);
            if (isList) tags.add(CacheTag.LISTS);
          }
          return resolve(source, args, context, info);
        };
      } else if (isQuery) {
        const isLookup = LOOKUPS.has(field.name);
        field.resolve = (source, args: Record<string, unknown>, context, info) => {
          const tags = context?.cacheTags;
          if (!tags) return resolve(source, args, context, info);
          if (!isLookup) tags.add(CacheTag.LISTS);
          const filter = args.filter as { minRating?: unknown } | undefined;
          if (args.orderBy === 'RATING_DESC' || filter?.minRating != null) tags.add(CacheTag.RATED_LISTS);
          const result = resolve(source, args, context, info);
          if (!isLookup) return result;
          return Promise.resolve(result).then((value) => {
            if (containsNull(value)) tags.add(CacheTag.LISTS);
            // What was found, even when the response selects none of its fields (`{ node(id) { __typename } }`).
            for (const found of Array.isArray(value) ? value : [value]) {
              if (found !== null && typeof found === 'object') OBJECT_TAGS[typeNameOf(found)]?.(found as Record<string, unknown>, tags);
            }
            return value;
          });
        };
      }
    }
  }
  return schema;
}

import {
  defaultFieldResolver,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isObjectType,
} from 'graphql';
import { CacheTag } from '../../shared/cache-hints';
import { typeNameOf } from '../../shared/node.interface';

/** The slice of the request context the tags are collected in; absent when the response cannot be cached. */
export interface CacheTagContext {
  cacheTags?: Set<string>;
}

type TagObject = (value: Record<string, unknown>, tags: Set<string>) => void;

/** The tag of each object a response can hold, from the resolved object itself. */
const OBJECT_TAGS: Record<string, TagObject> = {
  Article: (article, tags) => tags.add(CacheTag.node('Article', article.id as number)),
  Person: (person, tags) => tags.add(CacheTag.node('Person', person.id as number)),
  // A quote belongs to its article: importing the article again replaces its quotes.
  Quote: (quote, tags) => tags.add(CacheTag.node('Quote', quote.id as number)).add(CacheTag.node('Article', quote.articleId as number)),
  Rating: (rating, tags) => tags.add(CacheTag.rating(rating.articleId as number)),
};

/** Root lookups: a miss could be filled by an import. */
const LOOKUPS = new Set(['article', 'person', 'quote', 'node', 'nodes']);
/** Lists below the root that an import can change without changing their parent. */
const LIST_FIELDS = new Set(['Article.relatedArticles']);

const tagged = new WeakSet<GraphQLSchema>();

const containsNull = (value: unknown) => value === null || (Array.isArray(value) && value.some((item) => item === null));

/** Tags every object in a field's value (an object, a list, lists of lists); an abstract type's by each object's own type. */
function tagValue(value: unknown, tags: Set<string>, tagObject: TagObject | undefined): void {
  // A list of promises (federation's _entities): each item once it resolves, which execution awaits
  // before the response is complete.
  if (value instanceof Promise) {
    value.then(
      (resolved) => tagValue(resolved, tags, tagObject),
      () => undefined,
    );
  } else if (Array.isArray(value)) {
    for (const item of value) tagValue(item, tags, tagObject);
  } else if (value !== null && typeof value === 'object') {
    (tagObject ?? OBJECT_TAGS[typeNameOf(value)])?.(value as Record<string, unknown>, tags);
  }
}

/** Passes a resolver's value to `use` once it is known, and returns the result as it was (sync stays sync). */
function whenResolved(result: unknown, use: (value: unknown) => void): unknown {
  if (!(result instanceof Promise)) {
    use(result);
    return result;
  }
  return result.then((value) => {
    use(value);
    return value;
  });
}

/** Whether a field's values can be, or hold, objects that carry a tag; and how to tag them when its type says. */
function tagsOf(type: GraphQLNamedType, schema: GraphQLSchema): { tagObject?: TagObject } | null {
  if (isObjectType(type)) return OBJECT_TAGS[type.name] ? { tagObject: OBJECT_TAGS[type.name] } : null;
  if (isAbstractType(type)) return schema.getPossibleTypes(type).some((possible) => OBJECT_TAGS[possible.name]) ? {} : null;
  return null;
}

/**
 * Wraps the schema's resolvers so that each request collects what its response depends on (see
 * CacheTag): every Article, Person, Quote and Rating a field returns, every root list (and the
 * rating-ordered ones apart), and lookups that found nothing. The response cache files the
 * response under these tags, and a write evicts exactly the responses under the tags it changes.
 *
 * Only the fields that return those objects are wrapped, so an object is tagged once where it is
 * made; the fields of the objects themselves (a headline, a name) keep no resolver, and graphql-jit
 * reads them as plain properties. Requests without `cacheTags` in their context pay one property
 * read per wrapped field.
 */
export function collectCacheTags(schema: GraphQLSchema): GraphQLSchema {
  if (tagged.has(schema)) return schema;
  tagged.add(schema);
  const queryType = schema.getQueryType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === schema.getMutationType()) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, CacheTagContext> = field.resolve ?? defaultFieldResolver;
      const returned = tagsOf(getNamedType(field.type), schema);
      if (type === queryType) {
        const isLookup = LOOKUPS.has(field.name);
        field.resolve = (source, args: Record<string, unknown>, context, info) => {
          const tags = context?.cacheTags;
          if (!tags) return resolve(source, args, context, info);
          if (!isLookup) tags.add(CacheTag.LISTS);
          const filter = args.filter as { minRating?: unknown } | undefined;
          if (args.orderBy === 'RATING_DESC' || filter?.minRating != null) tags.add(CacheTag.RATED_LISTS);
          const result = resolve(source, args, context, info);
          if (!isLookup && !returned) return result;
          return whenResolved(result, (value) => {
            if (isLookup && containsNull(value)) tags.add(CacheTag.LISTS);
            // What was found, even when the response selects none of its fields (`{ node(id) { __typename } }`).
            tagValue(value, tags, returned?.tagObject);
          });
        };
      } else if (returned) {
        const isList = LIST_FIELDS.has(`${type.name}.${field.name}`);
        field.resolve = (source, args, context, info) => {
          const result = resolve(source, args, context, info);
          const tags = context?.cacheTags;
          if (!tags) return result;
          if (isList) tags.add(CacheTag.LISTS);
          return whenResolved(result, (value) => tagValue(value, tags, returned.tagObject));
        };
      }
    }
  }
  return schema;
}

import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt } from 'graphql';

/** Apollo Server's cache-control directive, declared so the schema states the hints its types carry (src/shared/cache-hints.ts). */
export const CacheControlScope = new GraphQLEnumType({
  name: 'CacheControlScope',
  description: 'Who may reuse a response (Apollo cache control).',
  values: {
    PUBLIC: { description: 'Any cache, shared ones included.' },
    PRIVATE: { description: "Only the client's own cache: the response depends on who asks." },
  },
});

export const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  description: 'How long a response holding this type or field may be reused, and by whom (Apollo cache control).',
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE, DirectiveLocation.UNION],
  args: {
    maxAge: { type: GraphQLInt, description: 'Seconds a response holding it may be reused.' },
    scope: { type: CacheControlScope, description: 'Who may reuse it.' },
    inheritMaxAge: { type: GraphQLBoolean, description: "Take the parent field's maxAge instead of a default." },
  },
});

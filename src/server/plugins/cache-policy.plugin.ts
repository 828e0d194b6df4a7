import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { type CachePolicy, cacheControlHeader, cachePolicyOf } from '../cache/cache-policy';

export interface CachePolicyContext {
  /**
   * Filled in for a cacheable query answered without errors: what its response may be cached for.
   * A holder object, since Apollo runs each operation on a shallow copy of the context.
   */
  cacheOutcome: { policy?: CachePolicy };
}

/**
 * Sets `Cache-Control` on every GraphQL response from the `@cacheControl` hints of what the
 * operation selects (src/server/cache/cache-policy.ts): `max-age=N, public` or `private`, or
 * `no-store` for mutations, errors and anything unhinted. In place of Apollo's own cache-control
 * plugin, which works the same policy out field by field on every request.
 */
export function cachePolicyPlugin<TContext extends CachePolicyContext>(schema: GraphQLSchema): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, document, operation, contextValue }) {
          let policy: CachePolicy = { maxAge: 0, scope: 'PUBLIC' };
          const ok = response.body.kind === 'single' && !response.body.singleResult.errors && (response.http.status ?? 200) === 200;
          if (ok && document && operation?.operation === 'query') policy = cachePolicyOf(schema, document, operation);
          if (policy.maxAge > 0) contextValue.cacheOutcome.policy = policy;
          response.http.headers.set('cache-control', cacheControlHeader(policy));
        },
      };
    },
  };
}

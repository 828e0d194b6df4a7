import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { cachePolicyOf } from '../cache/cache-policy';
import type { ReadRouting } from '../read-routing';
import type { Services } from '../services';

/** What the plugin needs of the context: who the client is, and a way to change its connection. */
export interface ReadRoutingContext {
  viewer: { voterHash(): string };
  /** Set when the response cache may keep this request's answer. */
  cacheTags?: Set<string>;
  /** Sends this request's reads (services and loaders) through other connections. */
  readFrom(services: Services): void;
}

/**
 * Picks each operation's connection once it is known what it is (src/server/read-routing.ts):
 * mutations read their results through the primary, which they have just written; queries through
 * a replica that has caught up with the client's own writes, else the primary. After a mutation
 * that returned data, every gateway is told, before the client gets the answer.
 */
export function readRoutingPlugin<TContext extends ReadRoutingContext>(
  routing: ReadRouting,
  services: { primary: Services; replicas: Services[] },
  schema: GraphQLSchema,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (operation?.operation === 'mutation') return contextValue.readFrom(services.primary);
          // What the response cache may keep (the same policy cache-policy.plugin.ts sets as Cache-Control).
          const policy = contextValue.cacheTags && operation ? cachePolicyOf(schema, document, operation) : null;
          const cacheable = policy !== null && policy.maxAge > 0 && policy.scope === 'PUBLIC';
          const replica = await routing.route(contextValue.viewer.voterHash(), { cacheable });
          contextValue.readFrom(replica === null ? services.primary : services.replicas[replica]);
        },
        async willSendResponse({ operation, response, contextValue }) {
          if (operation?.operation !== 'mutation' || response.body.kind !== 'single') return;
          const { data } = response.body.singleResult;
          // A refused mutation (bad input, a limit) wrote nothing.
          if (data && Object.values(data).some((value) => value != null)) await routing.wrote(contextValue.viewer.voterHash());
        },
      };
    },
  };
}

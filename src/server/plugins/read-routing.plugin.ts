import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { ErrorCode } from '../../shared/errors';
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
      let replica: number | null = null;
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (operation?.operation === 'mutation') return contextValue.readFrom(services.primary);
          // What the response cache may keep (the same policy cache-policy.plugin.ts sets as Cache-Control).
          const policy = contextValue.cacheTags && operation ? cachePolicyOf(schema, document, operation) : null;
          const cacheable = policy !== null && policy.maxAge > 0 && policy.scope === 'PUBLIC';
          replica = await routing.route(contextValue.viewer.voterHash(), { cacheable });
          contextValue.readFrom(replica === null ? services.primary : services.replicas[replica]);
        },
        async willSendResponse({ operation, response, contextValue }) {
          // A replica that just failed a read (gone away?) is asked at once, not at the next tick.
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          if (replica !== null && errors.some((error) => error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR))
            routing.checkReplicas();
          if (operation?.operation !== 'mutation' || response.body.kind !== 'single') return;
          const { data } = response.body.singleResult;
          // A refused mutation (bad input, a limit) wrote nothing.
          if (data && Object.values(data).some((value) => value != null)) await routing.wrote(contextValue.viewer.voterHash());
        },
      };
    },
  };
}

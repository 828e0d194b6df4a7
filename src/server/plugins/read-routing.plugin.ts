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
 * ran, every gateway is told, before the client gets the answer.
 */
export function readRoutingPlugin<TContext extends ReadRoutingContext>(
  routing: ReadRouting,
  services: { primary: Services; replicas: Services[] },
  schema: GraphQLSchema,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let replica: number | null = null;
      let mutation = false;
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (operation?.operation === 'mutation') {
            mutation = true;
            return contextValue.readFrom(services.primary);
          }
          // What the response cache may keep (the same policy cache-policy.plugin.ts sets as Cache-Control).
          const policy = contextValue.cacheTags && operation ? cachePolicyOf(schema, document, operation) : null;
          const cacheable = policy !== null && policy.maxAge > 0 && policy.scope === 'PUBLIC';
          replica = await routing.route(writerOf(contextValue), { cacheable });
          contextValue.readFrom(replica === null ? services.primary : services.replicas[replica]);
        },
        async willSendResponse({ response, contextValue }) {
          // A replica that just failed a read (gone away?) is asked at once, not at the next tick.
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          if (replica !== null && errors.some((error) => error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR))
            routing.checkReplicas();
          // Any mutation that ran may have written, even one answered with errors and no data (a
          // second field refused after the first one's vote was stored).
          const writer = mutation ? writerOf(contextValue) : null;
          if (writer !== null) await routing.wrote(writer);
        },
      };
    },
  };
}

/** The client's voter hash; null for a malformed X-Voter-Id (refused only where stars are read or written). */
function writerOf(context: ReadRoutingContext): string | null {
  try {
    return context.viewer.voterHash();
  } catch {
    return null;
  }
}

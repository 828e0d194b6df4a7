import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import { ErrorCode } from '../../shared/errors';
import type { RequestFactsContext } from '../observability/request-facts';

/**
 * Notes what each GraphQL request was (operation name and type, the codes of its errors, the votes
 * it cast) in the context's `facts`, for the request's log line and metrics (src/server/observability/).
 * Listed after the request-state plugin, so it sees the errors as the client gets them.
 */
export function requestFactsPlugin<TContext extends RequestFactsContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue: { facts } }) {
      return {
        async didResolveOperation({ operation, operationName }) {
          facts.operationName = operationName;
          facts.operationType = operation?.operation;
        },
        async willSendResponse({ response, operation }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          facts.errorCodes = (errors ?? []).map((error) => String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR));
          if (operation?.operation !== 'mutation') return;
          for (const selection of operation.selectionSet.selections) {
            if (selection.kind !== Kind.FIELD || selection.name.value !== 'rateArticle') continue;
            const key = selection.alias?.value ?? selection.name.value;
            if (data?.[key] != null) facts.votes.accepted += 1;
            else facts.votes.refused += 1;
          }
        },
      };
    },
  };
}

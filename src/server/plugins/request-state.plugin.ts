import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode } from '../../shared/errors';
import { type Deadline, timeoutError } from '../deadline';

export interface RequestStateContext {
  requestId: string;
  deadline: Deadline;
}

/**
 * Per-request bookkeeping around errors and deadlines:
 * - every response carries `X-Request-Id`; an unexpected error is logged in full with that id
 *   and reaches the client masked (src/server/format-error.ts) with the same id, so an operator
 *   can find the log line from a user's report;
 * - an operation that ran past its deadline answers with one TIMEOUT error (HTTP 503) instead of
 *   a partial result full of per-field errors.
 */
export function requestStatePlugin<TContext extends RequestStateContext>(log: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      let raw: readonly GraphQLError[] = [];
      return {
        // Root resolvers send their SQL as execution starts; nested SQL goes through the loaders,
        // which check the deadline before each batch (BatchLoaderFactory, src/shared/batch-loader.ts).
        async didResolveOperation({ operation }) {
          if (contextValue.deadline.expired) {
            const error = timeoutError(contextValue.deadline.timeoutMs);
            error.extensions.http = { status: 503 };
            throw error;
          }
          if (operation?.operation === 'mutation') contextValue.deadline.letFinish();
        },
        async didEncounterErrors({ errors }) {
          // The formatted errors come out in the same order; only formatting knows which were unexpected.
          raw = errors;
        },
        async willSendResponse({ response, operationName, operation }) {
          const operationKind = operation?.operation;
          response.http.headers.set('x-request-id', contextValue.requestId);
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          // A query past its deadline answers with one TIMEOUT; a mutation keeps what its finished
          // fields wrote and reports TIMEOUT on the fields that did not start.
          const isMutation = operationKind === 'mutation';
          if (
            !isMutation &&
            contextValue.deadline.expired &&
            result.errors?.some((error) => error.extensions?.code === ErrorCode.TIMEOUT)
          ) {
            const { message, extensions } = timeoutError(contextValue.deadline.timeoutMs);
            response.body.singleResult = { data: null, errors: [{ message, extensions }] };
            response.http.status = 503;
            return;
          }
          if (!result.errors) return;
          result.errors = result.errors.map((error, index) => {
            if (error.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR) return error;
            const original = raw[index];
            log.error(
              { err: original ? unwrapResolverError(original) : error, path: error.path, operationName, requestId: contextValue.requestId },
              'unexpected error',
            );
            return { ...error, extensions: { ...error.extensions, requestId: contextValue.requestId } };
          });
        },
      };
    },
  };
}

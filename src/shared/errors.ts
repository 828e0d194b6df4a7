import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';

/**
 * Every error code a client can get (`errors[].extensions.code`), Apollo Server's own included:
 * the one list, which the README's error table follows (tests/unit/error-codes.test.ts).
 */
export const ErrorCode = {
  // Apollo Server's: GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_REQUEST (also a body
  // that is not JSON), PERSISTED_QUERY_NOT_FOUND, PERSISTED_QUERY_NOT_SUPPORTED,
  // OPERATION_RESOLUTION_FAILURE, BAD_USER_INPUT, INTERNAL_SERVER_ERROR.
  ...ApolloServerErrorCode,
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  // Requests refused before execution (HTTP 400, or 413 for the body); see src/server/limits/.
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_ROOT_FIELDS: 'TOO_MANY_ROOT_FIELDS',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The operation ran past its deadline (OPERATION_TIMEOUT_MS). */
  TIMEOUT: 'TIMEOUT',
  /** Extracting one imported article ran past its budget (IMPORT_TIMEOUT_MS): nothing was stored. */
  IMPORT_TIMEOUT: 'IMPORT_TIMEOUT',
} as const;

export type ErrorCodeName = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The codes of requests refused by a limit before execution: always HTTP 400, for every client. */
export const REQUEST_LIMIT_CODES: ReadonlySet<string> = new Set([
  ErrorCode.QUERY_TOO_DEEP,
  ErrorCode.QUERY_TOO_COSTLY,
  ErrorCode.TOO_MANY_ALIASES,
  ErrorCode.TOO_MANY_ROOT_FIELDS,
  ErrorCode.TOO_MANY_DIRECTIVES,
  ErrorCode.TOO_MANY_TOKENS,
]);

export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extensions } });
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function notFound(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND, ...extensions } });
}

/** Refused for going over a rate limit; `retryAfterSeconds` says when trying again can succeed. */
export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) },
  });
}

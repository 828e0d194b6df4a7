import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, REQUEST_LIMIT_CODES } from '../shared/errors';

/** graphql-js's parser stops at `maxTokens` with a syntax error; it is a limit, not a typo. */
const TOKEN_LIMIT = /Document contains more th(?:an|at) (\d+) tokens/; // graphql 16 says "more that"

/**
 * Errors the client caused keep their message and code. Anything unexpected (a database fault,
 * a bug) reaches the client only as "Internal server error", so SQL and stack traces never leak;
 * request-state.plugin.ts logs it in full and adds the request id.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  return classify(formatted, error);
}

/**
 * As `formatError`, and with `hideSuggestions` also drops "Did you mean …?" from every message:
 * Apollo's hideSchemaDetailsFromClientErrors covers validation, but not variables that graphql-js
 * coerces later ("Field "sectio" is not defined by type "ArticleFilter". Did you mean "section"?").
 */
export function createFormatError(options: { hideSuggestions: boolean }) {
  if (!options.hideSuggestions) return formatError;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = classify(formatted, error);
    return SUGGESTION.test(result.message) ? { ...result, message: result.message.replace(SUGGESTION_GLOBAL, '').trim() } : result;
  };
}

const SUGGESTION = / ?Did you mean [^?]*\?/;
const SUGGESTION_GLOBAL = new RegExp(SUGGESTION.source, 'g');

function classify(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const limit = limitRejection(formatted, error);
  if (limit) return limit;
  const validation = validationProblems(formatted);
  if (validation) return validation;
  if (code !== ErrorCode.INTERNAL_SERVER_ERROR && code !== undefined) return formatted;
  const refused = codelessRequestError(formatted, error) ?? argumentCoercionError(formatted, error);
  if (refused) return refused;
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/**
 * Apollo refuses some requests with an error that has an HTTP 4xx status but no code (a persisted
 * query with an unsupported version or a hash that does not match the query): the client's
 * mistake, so BAD_REQUEST with Apollo's message rather than a masked internal error.
 */
function codelessRequestError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const extensions = (error as { extensions?: { code?: unknown; http?: { status?: unknown } } } | undefined)?.extensions;
  const status = extensions?.http?.status;
  if (extensions?.code !== undefined || typeof status !== 'number' || status < 400 || status >= 500) return null;
  return { message: formatted.message, locations: formatted.locations, extensions: { code: ErrorCode.BAD_REQUEST } };
}

/** What graphql-js says when an argument's value cannot be used, at execution rather than validation. */
const ARGUMENT_COERCION =
  /^Argument "[_A-Za-z][_0-9A-Za-z]*" (of (required|non-null) type "[^"]+" (was not provided|must not be null|was provided the variable)|has invalid value )/;

/**
 * graphql-js checks some argument values only while executing, e.g. a nullable variable with a
 * default (`$id: ID = "…"`, allowed where `ID!` is expected) sent as an explicit null, and reports
 * "Argument "id" of non-null type "ID!" must not be null." without a code: BAD_USER_INPUT.
 */
function argumentCoercionError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const original = (error as { originalError?: unknown } | undefined)?.originalError;
  if (!(original instanceof GraphQLError) || original.extensions?.code !== undefined || !ARGUMENT_COERCION.test(original.message))
    return null;
  return {
    message: formatted.message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.BAD_USER_INPUT },
  };
}

function limitRejection(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const code = formatted.extensions?.code;
  if (code === 'GRAPHQL_PARSE_FAILED') {
    // The parser recurses once per nesting level: `[[[[…` thousands deep overflows the stack before maxTokens.
    if (formatted.message === 'Maximum call stack size exceeded') {
      return { message: 'The document nests too deeply to parse.', extensions: { code: ErrorCode.QUERY_TOO_DEEP } };
    }
    const tokens = TOKEN_LIMIT.exec(formatted.message);
    if (!tokens) return null;
    const limit = Number(tokens[1]);
    return { message: `The document has more than ${limit} tokens.`, extensions: { code: ErrorCode.TOO_MANY_TOKENS, limit } };
  }
  if (code !== 'GRAPHQL_VALIDATION_FAILED') return null;
  // Apollo's maxRecursiveSelections: fragments that spread each other expand exponentially.
  if (formatted.extensions?.validationErrorCode === 'MAX_RECURSIVE_SELECTIONS_EXCEEDED') {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: ErrorCode.QUERY_TOO_COSTLY } };
  }
  // Apollo's wording names the server ("pass introspection: true to ApolloServer").
  if (/^GraphQL introspection is not allowed/.test(formatted.message)) {
    return { message: 'Introspection is switched off.', locations: formatted.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  }
  // graphql-js's own rule against `__schema { types { fields { type { fields …` (nested introspection lists).
  if (formatted.message === 'Maximum introspection depth exceeded') {
    return { message: 'Introspection nested too deeply.', locations: formatted.locations, extensions: { code: ErrorCode.QUERY_TOO_DEEP } };
  }
  const original = (error as { originalError?: { extensions?: Record<string, unknown> } } | undefined)?.originalError;
  const originalCode = original?.extensions?.code;
  if (typeof originalCode !== 'string' || !REQUEST_LIMIT_CODES.has(originalCode)) return null;
  return { message: formatted.message, locations: formatted.locations, extensions: { ...original!.extensions } };
}

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

/**
 * type-graphql reports class-validator failures as "Argument Validation Error" with the whole
 * input echoed back; say instead what is wrong ("stars must not be greater than 5").
 */
function validationProblems(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  const errors = formatted.extensions?.validationErrors as ValidationErrorLike[] | undefined;
  if (formatted.extensions?.code !== ErrorCode.BAD_USER_INPUT || !Array.isArray(errors)) return null;
  const problems: { field: string; messages: string[] }[] = [];
  const collect = (list: ValidationErrorLike[], prefix: string) => {
    for (const item of list) {
      const field = prefix ? `${prefix}.${item.property}` : item.property;
      if (item.constraints) problems.push({ field, messages: Object.values(item.constraints) });
      if (item.children?.length) collect(item.children, field);
    }
  };
  collect(errors, '');
  const message = problems.flatMap((problem) => problem.messages).join('; ') || formatted.message;
  return { ...formatted, message, extensions: { code: ErrorCode.BAD_USER_INPUT, problems } };
}

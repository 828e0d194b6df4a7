import { GraphQLError } from 'graphql';
import { createFormatError, formatError } from './format-error';

describe('formatError', () => {
  it('keeps the message and code of errors the client caused', () => {
    const formatted = { message: 'No article has that articleId.', extensions: { code: 'NOT_FOUND', argumentName: 'articleId' } };
    expect(formatError(formatted, new GraphQLError(formatted.message))).toEqual(formatted);
  });

  it('masks anything unexpected: no message, no stack, no extensions but the code', () => {
    const formatted = {
      message: 'SQLITE_ERROR: no such table: vote',
      path: ['articles'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at …'] },
    };
    expect(formatError(formatted, new Error(formatted.message))).toEqual({
      message: 'Internal server error',
      path: ['articles'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(formatError({ message: 'oops' }, new Error('oops')).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('says what is wrong with arguments instead of echoing class-validator output', () => {
    const formatted = {
      message: 'Argument Validation Error',
      extensions: {
        code: 'BAD_USER_INPUT',
        validationErrors: [
          { property: 'input', children: [{ property: 'stars', constraints: { max: 'stars must not be greater than 5' } }] },
        ],
      },
    };
    expect(formatError(formatted, undefined)).toEqual({
      message: 'stars must not be greater than 5',
      extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'input.stars', messages: ['stars must not be greater than 5'] }] },
    });
  });

  it("gives limit rejections their own code back from Apollo's GRAPHQL_VALIDATION_FAILED", () => {
    const original = new GraphQLError('Query depth limit of 20 exceeded, found 21.', {
      extensions: { code: 'QUERY_TOO_DEEP', limit: 20, found: 21 },
    });
    const wrapped = new GraphQLError(original.message, { originalError: original, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(formatError({ message: original.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, wrapped)).toEqual({
      message: original.message,
      locations: undefined,
      extensions: { code: 'QUERY_TOO_DEEP', limit: 20, found: 21 },
    });
  });

  it('names the token limit and too-deep documents instead of a syntax error', () => {
    const tokens = {
      message: 'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    };
    expect(formatError(tokens, undefined)).toEqual({
      message: 'The document has more than 5000 tokens.',
      extensions: { code: 'TOO_MANY_TOKENS', limit: 5000 },
    });
    const stack = { message: 'Maximum call stack size exceeded', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(formatError(stack, undefined).extensions).toEqual({ code: 'QUERY_TOO_DEEP' });
  });

  it('drops "Did you mean" suggestions when asked to (production)', () => {
    const formatted = {
      message:
        'Variable "$f" got invalid value { sectio: "x" }; Field "sectio" is not defined by type "ArticleFilter". Did you mean "section"?',
      extensions: { code: 'BAD_USER_INPUT' },
    };
    expect(createFormatError({ hideSuggestions: true })(formatted, undefined).message).toBe(
      'Variable "$f" got invalid value { sectio: "x" }; Field "sectio" is not defined by type "ArticleFilter".',
    );
    expect(createFormatError({ hideSuggestions: false })(formatted, undefined).message).toContain('Did you mean');
  });
});

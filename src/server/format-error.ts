import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { ErrorCode } from './errors';

/**
 * Errors the client caused keep their message and code. Anything unexpected (a database fault,
 * a bug) is logged in full and reaches the client only as "Internal server error", so SQL and
 * stack traces never leak.
 */
export function createFormatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const validation = validationProblems(formatted);
    if (validation) return validation;
    if (code !== ErrorCode.INTERNAL_SERVER_ERROR && code !== undefined) return formatted;
    log.error({ err: unwrapResolverError(error), path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
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

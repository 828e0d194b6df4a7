import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { ErrorCode } from '../shared/errors';

/** A refusal before GraphQL: its status and its GraphQL-shaped JSON body. */
export interface HttpRefusal {
  status: number;
  body: { errors: { message: string; extensions: Record<string, unknown> }[] };
}

const refusal = (status: number, message: string, extensions: Record<string, unknown>): HttpRefusal => ({
  status,
  body: { errors: [{ message, extensions }] },
});

/** A body over the limit (413), from Express's body parser or the fast path alike. */
export const bodyTooLarge = (limit: number) =>
  refusal(413, `The request body is larger than ${limit} bytes.`, { code: ErrorCode.PAYLOAD_TOO_LARGE, limit });

/** A body that is not a JSON object or array (400). */
export const bodyNotJson = () => refusal(400, 'The request body is not valid JSON.', { code: ErrorCode.BAD_REQUEST });

/** A document nesting brackets deeper than `max`, refused before parsing (see limits/document-nesting.ts). */
export const nestedTooDeep = (max: number) =>
  refusal(400, `The document nests brackets more than ${max} deep.`, { code: ErrorCode.QUERY_TOO_DEEP, limit: max });

/** An unexpected failure, without details (they go to the log). */
export const internalError = () => refusal(500, 'Internal server error', { code: ErrorCode.INTERNAL_SERVER_ERROR });

interface HttpErrorLike {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
  limit?: number;
}

/**
 * The last Express error handler: every error that reaches it (body-parser refusing a body,
 * anything thrown before Apollo) answers in the GraphQL error shape, as JSON, never as Express's
 * HTML page (which shows a stack trace outside production).
 *
 * - 413 PAYLOAD_TOO_LARGE for a body over the limit;
 * - 400 BAD_REQUEST for a body that is not JSON, cannot be decompressed, is cut short…;
 * - 415 BAD_REQUEST for an unsupported charset or Content-Encoding;
 * - any other 4xx keeps its status, with body-parser's message when it is meant for clients;
 * - anything else is logged and answers 500 "Internal server error" without details.
 */
export function httpErrorHandler(log: Logger): ErrorRequestHandler {
  return (error: HttpErrorLike, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = typeof error?.status === 'number' ? error.status : typeof error?.statusCode === 'number' ? error.statusCode : 500;
    const send = ({ status: code, body }: HttpRefusal) => res.status(code).json(body);
    if (error?.type === 'entity.too.large') {
      send(bodyTooLarge(error.limit ?? 0));
    } else if (error?.type === 'entity.parse.failed') {
      send(bodyNotJson());
    } else if (status >= 400 && status < 500) {
      const message =
        error.expose && error.message ? `The request body could not be read: ${error.message}.` : 'The request could not be read.';
      send(refusal(status, message, { code: ErrorCode.BAD_REQUEST }));
    } else {
      log.error({ err: error, method: req.method, url: req.originalUrl }, 'unexpected error outside GraphQL');
      send(internalError());
    }
  };
}

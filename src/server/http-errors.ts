import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { ErrorCode } from '../shared/errors';

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
    const send = (code: number, message: string, extensions: Record<string, unknown>) =>
      res.status(code).json({ errors: [{ message, extensions }] });
    if (error?.type === 'entity.too.large') {
      send(413, `The request body is larger than ${error.limit} bytes.`, { code: ErrorCode.PAYLOAD_TOO_LARGE, limit: error.limit });
    } else if (error?.type === 'entity.parse.failed') {
      send(400, 'The request body is not valid JSON.', { code: 'BAD_REQUEST' });
    } else if (status >= 400 && status < 500) {
      const message =
        error.expose && error.message ? `The request body could not be read: ${error.message}.` : 'The request could not be read.';
      send(status, message, { code: 'BAD_REQUEST' });
    } else {
      log.error({ err: error, method: req.method, url: req.originalUrl }, 'unexpected error outside GraphQL');
      send(500, 'Internal server error', { code: ErrorCode.INTERNAL_SERVER_ERROR });
    }
  };
}

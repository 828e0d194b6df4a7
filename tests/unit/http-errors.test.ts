import { buildSchema, parse, validate } from 'graphql';
import { httpErrorHandler } from '../../src/server/http-errors';
import { createLogger } from '../../src/server/logger';
import { knownOperationTypesRule } from '../../src/server/validation/known-operation-types.rule';

describe('the last Express error handler', () => {
  const handle = httpErrorHandler(createLogger('silent'));
  const respond = (error: unknown, headersSent = false) => {
    const sent: { status?: number; body?: any; passed?: unknown } = {};
    const res = {
      headersSent,
      status(code: number) {
        sent.status = code;
        return this;
      },
      json(body: unknown) {
        sent.body = body;
        return this;
      },
    };
    handle(error, { method: 'POST', originalUrl: '/graphql' } as never, res as never, (passed?: unknown) => {
      sent.passed = passed;
    });
    return sent;
  };

  it.each([
    [{ type: 'entity.too.large', status: 413, expose: true, limit: 100000, message: 'request entity too large' }, 413, 'PAYLOAD_TOO_LARGE'],
    [{ type: 'entity.parse.failed', status: 400, expose: true, message: 'Unexpected token' }, 400, 'BAD_REQUEST'],
    [{ type: 'charset.unsupported', status: 415, expose: true, message: 'unsupported charset "NOPE"' }, 415, 'BAD_REQUEST'],
    [{ type: 'encoding.unsupported', status: 415, expose: true, message: 'unsupported content encoding "nope"' }, 415, 'BAD_REQUEST'],
    [{ status: 400, expose: true, message: 'incorrect header check' }, 400, 'BAD_REQUEST'],
    [{ type: 'request.aborted', status: 400, expose: true, message: 'request aborted' }, 400, 'BAD_REQUEST'],
  ])('answers body-parser errors in JSON: %p', (error, status, code) => {
    const sent = respond(error);
    expect(sent.status).toBe(status);
    expect(sent.body.errors[0].extensions.code).toBe(code);
  });

  it('keeps 413 limit in the extensions', () => {
    expect(respond({ type: 'entity.too.large', status: 413, limit: 1000 }).body.errors[0]).toEqual({
      message: 'The request body is larger than 1000 bytes.',
      extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 1000 },
    });
  });

  it('does not show messages that are not meant for clients', () => {
    const sent = respond({ status: 400, expose: false, message: 'secret detail' });
    expect(JSON.stringify(sent.body)).not.toContain('secret');
  });

  it('masks anything else as a 500 without details', () => {
    const sent = respond(new Error('SQLITE_CORRUPT at /var/db'));
    expect(sent).toEqual({
      status: 500,
      body: { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
    });
  });

  it('leaves a response already under way to Express', () => {
    const error = new Error('late');
    expect(respond(error, true)).toEqual({ passed: error });
  });
});

describe('knownOperationTypesRule', () => {
  const schema = buildSchema('type Query { a: Int } type Mutation { b: Int }');
  const errors = (source: string) => validate(schema, parse(source), [knownOperationTypesRule]).map((error) => error.message);

  it('refuses operations on a root type the schema does not have', () => {
    expect(errors('subscription { a }')).toEqual(['The schema does not support subscription operations.']);
    expect(validate(buildSchema('type Query { a: Int }'), parse('mutation { a }'), [knownOperationTypesRule])).toHaveLength(1);
  });

  it('accepts the root types the schema has', () => {
    expect(errors('{ a } mutation M { b }')).toEqual([]);
  });
});

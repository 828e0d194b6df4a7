import { GraphQLError } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { ErrorCode } from './errors';

/** When one operation must be done by (OPERATION_TIMEOUT_MS from the request's arrival). */
export class Deadline {
  private readonly expiresAt: number;

  constructor(
    readonly timeoutMs: number,
    startedAt: number = performance.now(),
  ) {
    this.expiresAt = startedAt + timeoutMs;
  }

  get expired(): boolean {
    return performance.now() >= this.expiresAt;
  }

  /** Throws TIMEOUT once the deadline has passed; called before any further work (and SQL) starts. */
  check(): void {
    if (this.expired) throw timeoutError(this.timeoutMs);
  }
}

export function timeoutError(timeoutMs: number): GraphQLError {
  return new GraphQLError(`The operation ran past its ${timeoutMs} ms deadline and was stopped.`, {
    extensions: { code: ErrorCode.TIMEOUT, timeoutMs },
  });
}

/**
 * Runs before every field resolver: past the deadline no resolver starts, so no further SQL is
 * issued for the operation and execution winds down at once. (A statement already sent finishes.)
 */
export const enforceDeadline: MiddlewareFn<{ deadline: Deadline }> = ({ context }, next) => {
  context.deadline.check();
  return next();
};

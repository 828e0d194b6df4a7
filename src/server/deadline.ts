import { GraphQLError } from 'graphql';
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

import { defaultFieldResolver, GraphQLError, type GraphQLObjectType, type GraphQLSchema, isObjectType } from 'graphql';
import { ErrorCode } from '../shared/errors';

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

  private finishing = false;

  /**
   * For mutations, once they start: they run to the end. Mutation fields are non-null, so a
   * TIMEOUT in a later field would null the whole response and hide what earlier fields wrote,
   * and a client would retry writes that happened. Root field, alias and cost limits bound them.
   */
  letFinish(): void {
    this.finishing = true;
  }

  /** Throws TIMEOUT once the deadline has passed; called before SQL is sent below the root fields (loaders). */
  check(): void {
    this.checkAtRootField();
  }

  /** Throws TIMEOUT once the deadline has passed; called before every root field starts. */
  checkAtRootField(): void {
    if (!this.finishing && this.expired) throw timeoutError(this.timeoutMs);
  }
}

const guarded = new WeakSet<GraphQLSchema>();

/**
 * Makes every root field (Query, Mutation) and every `totalCount` check the request's deadline
 * before it runs: these call services directly, while everything nested loads through the
 * loaders, which check it before each batch. Only these fields are wrapped, since a check
 * around every field costs a quarter of the throughput. Idempotent per schema.
 */
export function checkDeadlineAtRootFields(schema: GraphQLSchema): GraphQLSchema {
  if (guarded.has(schema)) return schema;
  guarded.add(schema);
  const wrap = (type: GraphQLObjectType | null | undefined, only?: string) => {
    for (const field of Object.values(type?.getFields() ?? {})) {
      if (only !== undefined && field.name !== only) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: { deadline: Deadline }, info) => {
        context.deadline.checkAtRootField();
        return resolve(source, args, context, info);
      };
    }
  };
  wrap(schema.getQueryType());
  wrap(schema.getMutationType());
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) && type.name.endsWith('Connection')) wrap(type, 'totalCount');
  }
  return schema;
}

export function timeoutError(timeoutMs: number): GraphQLError {
  return new GraphQLError(`The operation ran past its ${timeoutMs} ms deadline and was stopped.`, {
    extensions: { code: ErrorCode.TIMEOUT, timeoutMs },
  });
}

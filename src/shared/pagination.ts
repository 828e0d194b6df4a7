import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ArgsType, ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { CacheHint } from './cache-hints';
import { totalCountCost } from './complexity';
import { badUserInput } from './errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size';

@ObjectType({ simpleResolvers: true, description: 'Relay page information.' })
@Directive(CacheHint.LIST)
export class PageInfo {
  @Field({ description: 'True when there are rows after this page: ask again with `after: endCursor`.' })
  hasNextPage: boolean;

  @Field({ description: 'True when the page was asked for with a cursor: there are rows before it.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "The first row's cursor; null for an empty page." })
  startCursor: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The last row's cursor, to pass as `after` for the next page; null for an empty page.",
  })
  endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `At most ${MAX_PAGE_SIZE}.` })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'A cursor from an earlier page: return the rows after it.' })
  @IsOptional()
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Page backwards: the last rows (before \`before\`, if given). At most ${MAX_PAGE_SIZE}.`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'A cursor from an earlier page: return the rows before it.' })
  @IsOptional()
  before?: string | null;
}

/** The page request after defaults: `count` rows after `cursor`, or before it when paging backwards. */
export interface PageRequest {
  count: number;
  cursor: string | null;
  backward: boolean;
}

export function pageRequest(args: ConnectionArgs): PageRequest {
  if (args.after != null && args.before != null) throw badUserInput('Give either after or before, not both.', { argumentName: 'before' });
  const backward = args.last != null || args.before != null;
  const count = (backward ? (args.last ?? args.first) : args.first) ?? DEFAULT_PAGE_SIZE;
  return { count, cursor: (backward ? args.before : args.after) ?? null, backward };
}

/** A plain `first` argument checked against its bound: outside 0..max is the caller's error. */
export function boundedCount(first: number, max: number, argumentName = 'first'): number {
  if (!Number.isInteger(first) || first < 0 || first > max)
    throw badUserInput(`${argumentName} must be from 0 to ${max}.`, { argumentName });
  return first;
}

/** What a service hands back for one page; resolvers wrap it into the GraphQL connection. */
export interface Page<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Counted only when a client asks for totalCount. */
  totalCount: () => Promise<number>;
}

export function emptyPage<T>(): Page<T> {
  return { nodes: [], cursors: [], hasNextPage: false, hasPreviousPage: false, totalCount: async () => 0 };
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: Promise<number>;
}

/** `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function connectionTypes<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One row of a ${name} list, with its cursor.` })
  @Directive(CacheHint.LIST)
  class EdgeType {
    @Field({ description: 'Pass as `after` to get the rows after this one.' })
    cursor: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of a ${name} list (Relay connection).` })
  @Directive(CacheHint.LIST)
  class ConnectionType {
    @Field(() => [EdgeType], { description: "The page's rows, in the list's order." })
    edges: EdgeType[];

    @Field(() => PageInfo, { description: 'Where the page sits in the list, and the cursors to go on from it.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Rows in the whole list, not just this page.', complexity: totalCountCost })
    totalCount: Promise<number>;
  }

  return { EdgeType, ConnectionType };
}

export function toConnection<T>(page: Page<T>): Connection<T> {
  const edges = page.nodes.map((node, index) => ({ cursor: page.cursors[index], node }));
  let total: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    // A getter, so the COUNT query runs only when the client selects totalCount.
    get totalCount() {
      total ??= page.totalCount();
      return total;
    },
  };
}

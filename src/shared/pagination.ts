import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field({ description: 'True when the page was asked for with a cursor: there are rows before it.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
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
}

/** The page request after defaults: `first` rows after the `after` cursor. */
export interface PageRequest {
  first: number;
  after: string | null;
}

export function pageRequest(args: ConnectionArgs): PageRequest {
  return { first: args.first ?? DEFAULT_PAGE_SIZE, after: args.after ?? null };
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

/**
 * Builds a page from up to `first + 1` rows fetched after the cursor: the extra row only tells
 * whether there is a next page.
 */
export function toPage<T>(
  rows: T[],
  request: PageRequest,
  cursorOf: (row: T) => string,
  totalCount: () => Promise<number>,
): Page<T> {
  const nodes = rows.slice(0, request.first);
  return {
    nodes,
    cursors: nodes.map(cursorOf),
    hasNextPage: rows.length > request.first,
    hasPreviousPage: request.after !== null,
    totalCount,
  };
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
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field({ description: 'Pass as `after` to get the rows after this one.' })
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Rows in the whole list, not just this page.' })
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

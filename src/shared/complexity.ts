import type { ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from './page-size';

/**
 * The cost model, after GitHub's and Shopify's published ones: every field costs 1, and a list
 * multiplies what is selected under it by how many rows it can return (at least 1: `first: 0`
 * still runs its query). A connection that must rank full-text matches or aggregate every vote
 * costs a surcharge on top, and so does `totalCount` (a COUNT over the whole filtered list).
 * Declared on the fields with type-graphql's `complexity` option; read by
 * src/server/limits/query-cost.plugin.ts.
 */

/** What a whole-list scan costs: full-text ranking, aggregating votes, counting. */
export const SCAN_SURCHARGE = 50;

/** How many rows a list without a `first` argument is assumed to hold (people or quotes of one article). */
export const PLAIN_LIST_ESTIMATE = 10;

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

/** Arguments that make a list scan beyond its page: a full-text query, a rating filter or order. */
function scans(args: Record<string, unknown>): boolean {
  const filter = (args.filter ?? {}) as Record<string, unknown>;
  return (
    typeof args.query === 'string' ||
    filter.query != null ||
    filter.minRating != null ||
    args.orderBy === 'RATING_DESC' ||
    args.orderBy === 'RELEVANCE'
  );
}

/** A Relay connection: its subtree counts once per row of `first` or `last` (20 when neither is given). */
export const connectionCost: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = count(args.first);
  const last = count(args.last);
  const rows = first === undefined && last === undefined ? DEFAULT_PAGE_SIZE : Math.max(first ?? 0, last ?? 0, 1);
  return 1 + (scans(args) ? SCAN_SURCHARGE : 0) + childComplexity * rows;
};

/**
 * `totalCount`: a COUNT over the filtered list, one grouped statement for all parents of a level,
 * so less than a full scan's surcharge each time it is multiplied out.
 */
export const TOTAL_COUNT_COST = 10;
export const totalCountCost: ComplexityEstimator = () => TOTAL_COUNT_COST;

/** A list bounded by its `first` argument. */
export const firstRowsCost: ComplexityEstimator = ({ args, childComplexity }) =>
  1 + childComplexity * Math.max(count(args.first) ?? DEFAULT_PAGE_SIZE, 1);

/** A list whose length no argument bounds: counted at a declared estimate. */
export const listCost =
  (estimate: number = PLAIN_LIST_ESTIMATE): ComplexityEstimator =>
  ({ childComplexity }) =>
    1 + childComplexity * estimate;

/** A list of exactly the ids asked for (`nodes(ids:)`). */
export const idsCost: ComplexityEstimator = ({ args, childComplexity }) =>
  1 + childComplexity * (Array.isArray(args.ids) ? args.ids.length : 1);

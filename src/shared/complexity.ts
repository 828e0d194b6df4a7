import type { ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from './pagination';

/**
 * The cost model, after GitHub's and Shopify's published ones: every field costs 1, and a list
 * multiplies what is selected under it by how many rows it can return. Declared on the fields
 * with type-graphql's `complexity` option; read by src/server/limits/query-cost.ts.
 */

/** How many rows a list without a `first` argument is assumed to hold (people or quotes of one article). */
export const PLAIN_LIST_ESTIMATE = 10;

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

/** A Relay connection: its subtree counts once per row of `first` or `last` (20 when neither is given). */
export const connectionCost: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = count(args.first);
  const last = count(args.last);
  const rows = first === undefined && last === undefined ? DEFAULT_PAGE_SIZE : Math.max(first ?? 0, last ?? 0);
  return 1 + childComplexity * rows;
};

/** A list bounded by its `first` argument. */
export const firstRowsCost: ComplexityEstimator = ({ args, childComplexity }) =>
  1 + childComplexity * (count(args.first) ?? DEFAULT_PAGE_SIZE);

/** A list whose length no argument bounds: counted at a declared estimate. */
export const listCost =
  (estimate: number = PLAIN_LIST_ESTIMATE): ComplexityEstimator =>
  ({ childComplexity }) =>
    1 + childComplexity * estimate;

/** A list of exactly the ids asked for (`nodes(ids:)`). */
export const idsCost: ComplexityEstimator = ({ args, childComplexity }) =>
  1 + childComplexity * (Array.isArray(args.ids) ? args.ids.length : 1);

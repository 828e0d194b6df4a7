import { AsyncLocalStorage } from 'node:async_hooks';

/** Statements sent on behalf of one request (its log line's `sqlStatements`). */
export interface StatementTally {
  statements: number;
}

/**
 * The tally of the request whose work is running, carried through its async calls (DataLoader
 * batches, driver callbacks) by AsyncLocalStorage; the QueryCounter adds each statement to it.
 * Votes commit in groups (src/modules/rating/vote-committer.ts): a group's statements count in
 * the request of its first vote, whose response waits for that commit, and in no other.
 */
export const statementScope = new AsyncLocalStorage<StatementTally>();

import { AsyncLocalStorage } from 'node:async_hooks';

/** Statements sent on behalf of one request (its log line's `sqlStatements`). */
export interface StatementTally {
  statements: number;
}

/**
 * The tally of the request whose work is running, carried through its async calls (DataLoader
 * batches, driver callbacks) by AsyncLocalStorage; the QueryCounter adds each statement to it.
 * A group of votes from several requests is committed by one of them and counted there.
 */
export const statementScope = new AsyncLocalStorage<StatementTally>();

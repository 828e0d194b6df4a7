import type { Logger } from 'pino';
import type { DatabaseConfig } from '../config';
import { type Notice, PostgresNotifications } from '../db/postgres-notifications';
import { inMemoryRatingEvents, type RatingEvents } from '../modules/rating/rating-events';
import { Rating } from '../modules/rating/rating.type';
import { type ChangeFeed, NO_CHANGE_FEED } from '../shared/cache-hints';

/** Where in the primary's log writes are, here and on other gateways (null: a change whose notice failed). */
export interface WritePositions {
  writers(writers: string[], position: string): void;
  changed(position: string | null): void;
  /** Notices may have been missed (the listening connection was lost, or is back). */
  gap(): void;
}

/** What this gateway's response cache needs to hear from writes, here and on other gateways. */
export interface CacheListener extends ChangeFeed {
  /** Drops everything (a notice too large to say what changed). */
  clear(): void;
}

export interface SharedEvents {
  /** Where writes announce the cache tags they change. */
  changes: ChangeFeed;
  /** Where accepted votes announce new tallies, and `ratingChanged` listens. */
  ratingEvents: RatingEvents;
  /** PostgreSQL's notices from the other gateways; null on SQLite. */
  notifications: PostgresNotifications | null;
  close(): Promise<void>;
}

/**
 * The events a write raises, reaching what listens in this gateway and, on PostgreSQL, in every
 * other gateway on the same database (LISTEN/NOTIFY, src/db/postgres-notifications.ts): a vote on
 * one gateway pushes the new tally to `ratingChanged` subscribers on all of them, and evicts what
 * each one's response cache holds of it. On SQLite, one gateway per file, they stay in process.
 */
export async function openSharedEvents(
  database: DatabaseConfig,
  cache: CacheListener | null,
  log: Logger,
  /** Where in the log writes are, for read routing with replicas (src/server/read-routing.ts). */
  positions: WritePositions = { writers: () => undefined, changed: () => undefined, gap: () => undefined },
): Promise<SharedEvents> {
  const local = inMemoryRatingEvents();
  const localChanges = cache ?? NO_CHANGE_FEED;
  if (database.type !== 'postgres') {
    return { changes: localChanges, ratingEvents: local, notifications: null, close: async () => undefined };
  }
  const onNotice = (notice: Notice) => {
    if (notice.kind === 'changes' && Array.isArray(notice.tags)) {
      // Known before the eviction: a read that misses the cache after it goes where the change is.
      if (typeof notice.position === 'string') positions.changed(notice.position);
      void localChanges.changed(notice.tags as string[]);
    } else if (notice.kind === 'rating') {
      const { articleId, histogram, voterHash, version } = notice as unknown as {
        articleId: number;
        histogram: number[];
        voterHash: string;
        version?: number;
      };
      local.publish(articleId, { rating: new Rating(articleId, histogram), voterHash, version });
    } else if (notice.kind === 'writers' && Array.isArray(notice.writers) && typeof notice.position === 'string') {
      positions.writers(notice.writers as string[], notice.position);
    } else if (notice.kind === 'overflow') {
      if (typeof notice.position === 'string') positions.changed(notice.position);
      cache?.clear();
    }
  };
  // Notices missed while the connection was lost: nothing cached, and nothing known of where
  // writes are, can be trusted.
  const notifications = await PostgresNotifications.open(
    database.url,
    {
      onNotice,
      onGap: () => {
        positions.gap();
        cache?.clear();
      },
    },
    log.child({ component: 'notifications' }),
  );
  return {
    changes: {
      async changed(tags) {
        // Evicted here once the change's position is known (null: the notice failed).
        positions.changed(await notifications.announce({ kind: 'changes', tags: [...tags] }));
        await localChanges.changed(tags);
      },
    },
    ratingEvents: {
      publish(articleId, change) {
        local.publish(articleId, change);
        void notifications.announce({
          kind: 'rating',
          articleId,
          histogram: change.rating.histogram,
          voterHash: change.voterHash,
          version: change.version,
        });
      },
      subscribe: (articleId) => local.subscribe(articleId),
    },
    notifications,
    close: () => notifications.close(),
  };
}

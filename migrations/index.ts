import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { ArticleSourceUrl1764100000000 } from './1764100000000-article-source-url';
import { SearchIndex1764200000000 } from './1764200000000-search-index';
import { RatingTally1764300000000 } from './1764300000000-rating-tally';
import { ArticleDateIndex1764400000000 } from './1764400000000-article-date-index';
import { ListingDates1764500000000 } from './1764500000000-listing-dates';
import { ArticleSummary1764600000000 } from './1764600000000-article-summary';
import { RecentSearchIndex1764700000000 } from './1764700000000-recent-search-index';
import { PostgresSearch1764800000000 } from './1764800000000-postgres-search';
import { SharedVoteLimits1764900000000 } from './1764900000000-shared-vote-limits';
import { RatingVersion1765000000000 } from './1765000000000-rating-version';
import { PostgresSearchParts1765100000000 } from './1765100000000-postgres-search-parts';

/** Every migration, oldest first. Listed explicitly so that tests and the build load the same set. */
export const migrations = [
  InitialSchema1764000000000,
  ArticleSourceUrl1764100000000,
  SearchIndex1764200000000,
  RatingTally1764300000000,
  ArticleDateIndex1764400000000,
  ListingDates1764500000000,
  ArticleSummary1764600000000,
  RecentSearchIndex1764700000000,
  PostgresSearch1764800000000,
  SharedVoteLimits1764900000000,
  RatingVersion1765000000000,
  PostgresSearchParts1765100000000,
];

import type { DataSource } from 'typeorm';
import { createSearchIndex } from '../db/create-search-index';
import type { WriteQueue } from '../db/write-queue';
import { Article } from '../modules/article/article.entity';
import { ArticleService } from '../modules/article/article.service';
import { ArticleWriter } from '../modules/import/article-writer.service';
import { type ArticleExtractor, ImportService } from '../modules/import/import.service';
import { Mention } from '../modules/mention/mention.entity';
import { mentionTally, namesPerson } from '../modules/mention/mention.query';
import { MentionService } from '../modules/mention/mention.service';
import { Person } from '../modules/person/person.entity';
import { PersonService } from '../modules/person/person.service';
import { Quote } from '../modules/quote/quote.entity';
import { QuoteService } from '../modules/quote/quote.service';
import { ArticleRating } from '../modules/rating/article-rating.entity';
import type { RatingEvents } from '../modules/rating/rating-events';
import { ratingTally } from '../modules/rating/rating.query';
import { RatingService } from '../modules/rating/rating.service';
import type { VoteCommitter } from '../modules/rating/vote-committer';
import type { VoteLimiter } from '../modules/rating/vote-limiter';
import { Vote } from '../modules/rating/vote.entity';
import { SearchService } from '../modules/search/search.service';
import type { ChangeFeed } from '../shared/cache-hints';

/** The application's services, built once per process from one DataSource. */
export interface Services {
  articles: ArticleService;
  people: PersonService;
  mentions: MentionService;
  quotes: QuoteService;
  ratings: RatingService;
  imports: ImportService;
  search: SearchService;
}

/** What every reader's services share: one per process. */
export interface ProcessWide {
  /** Every write goes through it, in turn. */
  writes: WriteQueue;
  /** The extraction pool (worker threads). */
  extractor: ArticleExtractor;
  /** The per-address vote limits (built from `config.votes`), so they count every vote once; off when absent. */
  voteLimiter?: VoteLimiter;
  /** Group commit for votes: every reader's votes share it. */
  voteCommitter: VoteCommitter;
  /** Hears what each committed write changed (the response cache). */
  changes?: ChangeFeed;
  /** Hears each accepted vote's new tally (ratingChanged subscriptions). */
  ratingEvents?: RatingEvents;
}

export function createServices(
  dataSource: DataSource,
  { writes, extractor, voteLimiter, voteCommitter, changes, ratingEvents }: ProcessWide,
): Services {
  const repository = dataSource.getRepository.bind(dataSource);
  // The one engine-specific piece: SQLite FTS5 (see src/db/search-index.ts).
  const searchIndex = createSearchIndex(dataSource);
  // The article and people lists filter and order by mentions and votes, which modules above
  // theirs own: handed in here, so that article and person import neither.
  const people = new PersonService(repository(Person), searchIndex, { namesPerson, mentionTally });
  const articles = new ArticleService(repository(Article), searchIndex, {
    personIdBySlug: async (slug) => (await people.findBySlug(slug))?.id ?? null,
    namesPerson,
    ratingTally,
  });
  return {
    articles,
    people,
    mentions: new MentionService(repository(Mention), repository(Article), repository(Person)),
    quotes: new QuoteService(repository(Quote), searchIndex),
    search: new SearchService(searchIndex),
    ratings: new RatingService(repository(Vote), repository(ArticleRating), repository(Article), voteCommitter, voteLimiter, ratingEvents),
    imports: new ImportService(writes, new ArticleWriter(), extractor, changes),
  };
}

import type { DataSource } from 'typeorm';
import type { WriteQueue } from '../db/write-queue';
import { ArticleWriter } from '../modules/article/article-writer.service';
import { Article } from '../modules/article/article.entity';
import { ArticleService } from '../modules/article/article.service';
import { ImportService } from '../modules/import/import.service';
import { Mention } from '../modules/person/mention.entity';
import { Person } from '../modules/person/person.entity';
import { PersonService } from '../modules/person/person.service';
import { Quote } from '../modules/quote/quote.entity';
import { QuoteService } from '../modules/quote/quote.service';
import { RatingService } from '../modules/rating/rating.service';
import { VoteLimiter } from '../modules/rating/vote-limiter';
import { Vote } from '../modules/rating/vote.entity';
import { SqliteFtsIndex } from '../modules/search/search-index';
import { SearchService } from '../modules/search/search.service';

/** The application's services, built once per process from one DataSource. */
export interface Services {
  articles: ArticleService;
  people: PersonService;
  quotes: QuoteService;
  ratings: RatingService;
  imports: ImportService;
  search: SearchService;
}

/**
 * `voteLimiter` is the process's one VoteLimiter (built from `config.votes`), shared by every
 * reader's services so the per-address limits count every vote once; without one, votes are unlimited.
 */
export function createServices(dataSource: DataSource, writes: WriteQueue, voteLimiter: VoteLimiter = VoteLimiter.off()): Services {
  const repository = dataSource.getRepository.bind(dataSource);
  // The one engine-specific piece: SQLite FTS5 (see src/modules/search/search-index.ts).
  const searchIndex = new SqliteFtsIndex(dataSource);
  return {
    articles: new ArticleService(repository(Article), repository(Person), searchIndex),
    people: new PersonService(repository(Person), repository(Mention), repository(Quote), searchIndex),
    quotes: new QuoteService(repository(Quote), searchIndex),
    search: new SearchService(searchIndex),
    ratings: new RatingService(repository(Vote), repository(Article), writes, voteLimiter),
    imports: new ImportService(writes, new ArticleWriter()),
  };
}

import { DataSource } from 'typeorm';
import { WriteQueue } from '../db/write-queue';
import { Article } from '../modules/article/article.entity';
import { ArticleService } from '../modules/article/article.service';
import { ArticleWriter } from '../modules/article/article-writer.service';
import { ImportService } from '../modules/import/import.service';
import { Mention } from '../modules/person/mention.entity';
import { Person } from '../modules/person/person.entity';
import { PersonService } from '../modules/person/person.service';
import { Quote } from '../modules/quote/quote.entity';
import { QuoteService } from '../modules/quote/quote.service';
import { RatingService } from '../modules/rating/rating.service';
import { Vote } from '../modules/rating/vote.entity';

/** The application's services, built once per process from one DataSource. */
export interface Services {
  articles: ArticleService;
  people: PersonService;
  quotes: QuoteService;
  ratings: RatingService;
  imports: ImportService;
}

export function createServices(dataSource: DataSource, writes: WriteQueue): Services {
  const repository = dataSource.getRepository.bind(dataSource);
  return {
    articles: new ArticleService(repository(Article), repository(Mention)),
    people: new PersonService(repository(Person), repository(Mention)),
    quotes: new QuoteService(repository(Quote)),
    ratings: new RatingService(repository(Vote), repository(Article), writes),
    imports: new ImportService(writes, new ArticleWriter()),
  };
}

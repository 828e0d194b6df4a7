import type DataLoader from 'dataloader';
import type { BatchLoaderFactory, LoadersByArguments } from '../../shared/batch-loader';
import type { Page, PageRequest } from '../../shared/pagination';
import type { Article } from '../article/article.entity';
import type { MentionService, MentionedPerson, PeopleSelection, RelatedSelection } from './mention.service';
import type { PersonCount } from './person-count.type';

/** The mention module's per-request batch loaders. */
export interface MentionLoaders {
  mentionCountByPerson: DataLoader<number, number>;
  /** Article.people, by what is read of each person. */
  mentionsByArticle: LoadersByArguments<PeopleSelection, MentionedPerson[]>;
  /** Person.articles: each person's page; its totalCount is one grouped count for all. */
  articlesByPerson: LoadersByArguments<PageRequest, Page<Article>>;
  /** Person.coMentioned, by `first`. */
  coMentionedByPerson: LoadersByArguments<number, PersonCount[]>;
  /** Article.relatedArticles, by `first` and the Article fields asked for. */
  relatedByArticle: LoadersByArguments<RelatedSelection, Article[]>;
}

export function createMentionLoaders(services: { mentions: MentionService }, loaders: BatchLoaderFactory): MentionLoaders {
  // totalCount does not depend on the page asked for: one count per parent.
  const articleCounts = loaders.byId((ids) => services.mentions.articleCountsByPerson(ids));
  return {
    mentionCountByPerson: loaders.byId((ids) => services.mentions.mentionCounts(ids)),
    mentionsByArticle: loaders.byArguments((selection: PeopleSelection, ids) => services.mentions.mentionsByArticleIds(ids, selection)),
    articlesByPerson: loaders.byArguments((request: PageRequest, ids) =>
      services.mentions.articlePagesByPerson(ids, request, (id) => articleCounts.load(id)),
    ),
    coMentionedByPerson: loaders.byArguments((limit: number, ids) => services.mentions.coMentionedByPersonIds(ids, limit)),
    relatedByArticle: loaders.byArguments((selection: RelatedSelection, ids) => services.mentions.relatedByArticleIds(ids, selection)),
  };
}

/** What the mention module's resolvers read from the per-request context (composed in src/server/context.ts). */
export interface MentionContext {
  loaders: MentionLoaders;
}

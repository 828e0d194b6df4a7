import type DataLoader from 'dataloader';
import type { BatchLoaderFactory } from '../../shared/batch-loader';
import type { Article } from './article.entity';
import type { ArticleService } from './article.service';

/** The article module's per-request batch loaders. */
export interface ArticleLoaders {
  articleById: DataLoader<number, Article | null>;
  /** The body of an article read without it (in a list). */
  articleBody: DataLoader<number, string | null>;
}

export function createArticleLoaders(services: { articles: ArticleService }, loaders: BatchLoaderFactory): ArticleLoaders {
  return {
    articleById: loaders.byId((ids) => services.articles.findByIds(ids)),
    articleBody: loaders.byId((ids) => services.articles.bodiesByIds(ids)),
  };
}

/** What the article module's resolvers read from the per-request context (composed in src/server/context.ts). */
export interface ArticleContext {
  services: { articles: ArticleService };
  loaders: ArticleLoaders;
}

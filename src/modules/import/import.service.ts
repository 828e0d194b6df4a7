import type { WriteQueue } from '../../db/write-queue';
import { CacheTag, type ChangeFeed, NO_CHANGE_FEED } from '../../shared/cache-hints';
import type { ArticleWriter, SavedArticle } from './article-writer.service';
import type { Extraction, ImportRequest } from './article.extractor';

export interface ImportResult extends SavedArticle {
  warnings: string[];
  extraction: Extraction;
}

/** Extracts one article somewhere other than the caller's thread (ExtractionPool). */
export interface ArticleExtractor {
  extract(request: ImportRequest): Promise<Extraction>;
}

export class ImportService {
  constructor(
    private readonly writes: WriteQueue,
    private readonly writer: ArticleWriter,
    private readonly extractor: ArticleExtractor,
    /** Hears, once the article is committed, what the import changed (the response cache). */
    private readonly changes: ChangeFeed = NO_CHANGE_FEED,
  ) {}

  /**
   * The article as it would be stored; nothing is written. Rejects with ImportInputError for bad
   * copy, ImportTimeoutError when extraction runs past its budget.
   */
  preview(request: ImportRequest): Promise<Extraction> {
    return this.extractor.extract(request);
  }

  /**
   * Extracts one article (in a worker) and stores it in one transaction (queued behind other
   * writes): either all of it lands, or nothing does. Re-importing the same copy updates it in place.
   */
  async import(request: ImportRequest): Promise<ImportResult> {
    const extraction = await this.extractor.extract(request);
    const saved = await this.writes.transaction((manager) => this.writer.upsert(manager, extraction.draft));
    // The article, everyone it names (their articles, quotes and counts), and every list it can enter.
    await this.changes.changed([
      CacheTag.node('Article', saved.article.id),
      CacheTag.LISTS,
      ...saved.personIds.map((id) => CacheTag.node('Person', id)),
    ]);
    return { ...saved, warnings: extraction.warnings, extraction };
  }
}

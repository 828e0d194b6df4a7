import type { WriteQueue } from '../../db/write-queue';
import type { ArticleWriter, SavedArticle } from './article-writer.service';
import { type Extraction, extractArticle, type ImportRequest } from './article.extractor';

export interface ImportResult extends SavedArticle {
  warnings: string[];
  extraction: Extraction;
}

export class ImportService {
  constructor(
    private readonly writes: WriteQueue,
    private readonly writer: ArticleWriter,
  ) {}

  /** The article as it would be stored; nothing is written. Throws ImportInputError for bad copy. */
  preview(request: ImportRequest): Extraction {
    return extractArticle(request);
  }

  /**
   * Extracts and stores one article in one transaction (queued behind other writes): either
   * all of it lands, or nothing does. Re-importing the same copy updates it in place.
   */
  async import(request: ImportRequest): Promise<ImportResult> {
    const extraction = extractArticle(request);
    const saved = await this.writes.transaction((manager) => this.writer.upsert(manager, extraction.draft));
    return { ...saved, warnings: extraction.warnings, extraction };
  }
}

/**
 * Runs in a worker thread of the extraction pool (extraction-pool.ts): one article's extraction,
 * off the thread that serves readers. Copy the importer refuses comes back as a value, because an
 * error's class does not survive the trip between threads.
 */
import { type Extraction, extractArticle, type ImportRequest } from './article.extractor';
import { ImportInputError } from './import-errors';

export type ExtractionOutcome = { extraction: Extraction } | { problem: string };

export default function extractInWorker(request: ImportRequest): ExtractionOutcome {
  try {
    return { extraction: extractArticle(request) };
  } catch (error) {
    if (error instanceof ImportInputError) return { problem: error.problem };
    throw error;
  }
}

/**
 * Runs in a worker thread of the extraction pool (extraction-pool.ts): one article's extraction,
 * off the thread that serves readers. Copy the importer refuses comes back as a value, because an
 * error's class does not survive the trip between threads.
 */
import { parentPort } from 'node:worker_threads';
import { type Extraction, extractArticle, type ImportRequest } from './article.extractor';
import { ImportInputError } from './import-errors';

export interface ExtractionTask {
  /** Names the task in the "started" message, which starts its time budget. */
  id: number;
  request: ImportRequest;
}

export type ExtractionOutcome = { extraction: Extraction } | { problem: string };

/** The message a worker sends when it starts a task (its start-up and the queue before it do not count). */
export interface ExtractionStarted {
  extractionStarted: number;
}

export default function extractInWorker({ id, request }: ExtractionTask): ExtractionOutcome {
  parentPort?.postMessage({ extractionStarted: id } satisfies ExtractionStarted);
  try {
    return { extraction: extractArticle(request) };
  } catch (error) {
    if (error instanceof ImportInputError) return { problem: error.problem };
    throw error;
  }
}

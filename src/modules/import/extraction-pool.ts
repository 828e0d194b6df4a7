import fs from 'node:fs';
import path from 'node:path';
import { Semaphore } from 'async-mutex';
import { Piscina } from 'piscina';
import type { Extraction, ImportRequest } from './article.extractor';
import { copyLabel } from './copy-label';
import type { ExtractionOutcome, ExtractionStarted, ExtractionTask } from './extraction.worker';
import { ImportInputError, ImportTimeoutError } from './import-errors';

export interface ExtractionPoolOptions {
  /** Worker threads extracting at once (IMPORT_WORKERS). */
  workers: number;
  /** Time one extraction may take (IMPORT_TIMEOUT_MS); past it, its worker is stopped. */
  timeoutMs: number;
  /** The compiled worker module; by default the one built beside this file. */
  workerFile?: string;
}

/**
 * Extracts articles in worker threads, so that the thread serving readers only parses JSON and
 * writes rows: a long or pathological article costs readers nothing. Articles wait their turn for
 * a worker here, and each one's time budget starts when its worker starts on it (neither waiting
 * in the queue nor a new worker's start-up counts). A worker past the budget is terminated
 * (piscina starts another), and the import fails with ImportTimeoutError before anything is written.
 */
export class ExtractionPool {
  private readonly pool: Piscina;
  private readonly turns: Semaphore;
  private readonly timeoutMs: number;
  /** Starts the budget of a task, by id, when its worker says it has begun. */
  private readonly onStart = new Map<number, () => void>();
  /** The budgets of the tasks in the pool, aborted at close. */
  private readonly running = new Set<AbortController>();
  private closing = false;
  private tasks = 0;

  constructor({ workers, timeoutMs, workerFile = defaultWorkerFile() }: ExtractionPoolOptions) {
    this.timeoutMs = timeoutMs;
    this.turns = new Semaphore(workers);
    // Threads start with the first import and stop after a minute idle: a gateway that never
    // imports keeps none (a worker holds the lexicons and its last article: 150-250 MB of the
    // gateway's resident memory in the benchmark, after 150 kB articles).
    this.pool = new Piscina({ filename: workerFile, minThreads: 0, maxThreads: workers, idleTimeout: 60_000 });
    this.pool.on('message', (message: ExtractionStarted) => this.onStart.get(message.extractionStarted)?.());
  }

  /** Rejects with ImportInputError for copy the importer refuses, ImportTimeoutError past the budget. */
  extract(request: ImportRequest): Promise<Extraction> {
    return this.turns.runExclusive(async () => {
      if (this.closing) throw new Error('The extraction pool is closed.');
      const task: ExtractionTask = { id: (this.tasks += 1), request };
      const budget = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      this.onStart.set(task.id, () => {
        timer = setTimeout(() => budget.abort(), this.timeoutMs);
      });
      let outcome: ExtractionOutcome;
      this.running.add(budget);
      try {
        outcome = (await this.pool.run(task, { signal: budget.signal })) as ExtractionOutcome;
      } catch (error) {
        if (this.closing) throw new Error('The extraction was stopped: the gateway is shutting down.', { cause: error });
        if (budget.signal.aborted) throw new ImportTimeoutError(copyLabel(request.text), this.timeoutMs);
        throw error;
      } finally {
        clearTimeout(timer);
        this.onStart.delete(task.id);
        this.running.delete(budget);
      }
      if ('problem' in outcome) throw new ImportInputError(outcome.problem);
      const { draft, warnings } = outcome.extraction;
      // The clone of a Date belongs to Node's main context; under a vm sandbox (jest) `instanceof Date` fails for it.
      return { draft: { ...draft, publishedAt: new Date(draft.publishedAt.getTime()) }, warnings };
    });
  }

  /** Stops the workers at once: an extraction in progress is abandoned (its import fails, nothing is written). */
  async close(): Promise<void> {
    this.closing = true;
    for (const budget of this.running) budget.abort();
    await this.pool.destroy();
  }
}

/**
 * The worker module compiled beside this one (dist/…/extraction.worker.js). Under ts-jest this file
 * runs as TypeScript and has no compiled sibling: the build in dist/ (made by the e2e suites' global
 * setup) provides it.
 */
function defaultWorkerFile(): string {
  const sibling = path.join(__dirname, 'extraction.worker.js');
  if (fs.existsSync(sibling)) return sibling;
  return path.resolve(__dirname, '..', '..', '..', 'dist', 'src', 'modules', 'import', 'extraction.worker.js');
}

import { GraphQLError } from 'graphql';
import { badUserInput, ErrorCode } from '../../shared/errors';

/** Input the importer refuses, with the problem in words an editor can act on. */
export class ImportInputError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'ImportInputError';
  }

  toGraphQLError() {
    return badUserInput(this.problem, { argumentName: 'input.text' });
  }
}

/** Extraction ran past the import time budget: the worker was stopped and nothing was stored. */
export class ImportTimeoutError extends Error {
  constructor(
    /** The article as the editor knows it: its first line (the headline), shortened. */
    readonly article: string,
    readonly timeoutMs: number,
  ) {
    super(`Importing "${article}" took longer than ${formatSeconds(timeoutMs)} and was stopped; nothing was stored.`);
    this.name = 'ImportTimeoutError';
  }

  toGraphQLError() {
    return new GraphQLError(`${this.message} Split the copy into smaller articles, or raise IMPORT_TIMEOUT_MS.`, {
      extensions: { code: ErrorCode.IMPORT_TIMEOUT, article: this.article, timeoutMs: this.timeoutMs },
    });
  }
}

const formatSeconds = (ms: number) => (ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`);

/** The most text one article may have. */
export const MAX_COPY_BYTES = 1024 * 1024;

/** Rejects what cannot be news copy before any parsing: empty, binary or oversized input. */
export function assertImportableText(text: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_COPY_BYTES) {
    throw new ImportInputError(`The text is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most 1 MB is accepted.`);
  }
  if (text.trim().length === 0) throw new ImportInputError('The text is empty.');
  // NUL bytes, replacement characters from invalid UTF-8, or many control characters: not text.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  if (text.includes('\u0000') || controls > Math.max(2, text.length * 0.001)) {
    throw new ImportInputError('The input looks like binary data, not text.');
  }
}

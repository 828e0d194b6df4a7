import { badUserInput } from '../../shared/errors';

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

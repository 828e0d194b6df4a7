import { createHash, timingSafeEqual } from 'node:crypto';
import { forbidden, unauthenticated } from '../shared/errors';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Checks `Authorization: Bearer <key>` against the configured editor keys. Keys are compared as
 * SHA-256 digests with timingSafeEqual, against every key without stopping early, so the time
 * taken says nothing about how close a guess was.
 */
export function createEditorCheck(keys: readonly string[]) {
  const digests = keys.map(digest);
  return (authorization: string | undefined): void => {
    // Switched off is said first: asking for a key that no key could satisfy would mislead.
    if (digests.length === 0) throw forbidden('Importing is switched off: no editor keys are configured (NEWSGATE_EDITOR_KEYS).');
    if (!authorization?.trim()) {
      throw unauthenticated('Importing needs an editor key: send "Authorization: Bearer <key>".');
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <key>".');
    const offered = digest(match[1]);
    let accepted = false;
    for (const known of digests) accepted = timingSafeEqual(known, offered) || accepted;
    if (!accepted) throw forbidden('That editor key is not valid.');
  };
}

/** True when `authorization` carries a valid editor key; never throws (used to pick the body size limit). */
export function createEditorKeyTest(keys: readonly string[]) {
  const check = createEditorCheck(keys);
  return (authorization: string | undefined): boolean => {
    if (keys.length === 0 || !authorization) return false;
    try {
      check(authorization);
      return true;
    } catch {
      return false;
    }
  };
}

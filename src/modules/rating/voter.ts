import { createHmac } from 'node:crypto';
import { badUserInput } from '../../shared/errors';

export const VOTER_HEADER = 'x-voter-id';
const VOTER_TOKEN = /^[A-Za-z0-9_-]{8,128}$/;

export interface VoterSource {
  /** The X-Voter-Id header, if the client sent one. */
  token?: string;
  address?: string;
  userAgent?: string;
}

/**
 * Who is voting: the client's opaque X-Voter-Id token when it sends one, else its address and
 * user agent. A malformed token is an error rather than a silent fallback, so a client never
 * votes under an identity it did not intend.
 */
export function voterKey(source: VoterSource): string {
  if (source.token !== undefined) {
    if (!VOTER_TOKEN.test(source.token)) {
      throw badUserInput('The X-Voter-Id header must be 8 to 128 characters of A-Z, a-z, 0-9, "_" or "-".', {
        header: 'X-Voter-Id',
      });
    }
    return `token:${source.token}`;
  }
  return `client:${source.address ?? 'unknown'}|${source.userAgent ?? ''}`;
}

/** Only this salted hash is stored: never the token or the address. */
export function hashVoter(salt: string, key: string): string {
  return createHmac('sha256', salt).update(key).digest('hex');
}

import { createHmac, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { LRUCache } from 'lru-cache';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { VoteLimits } from '../../config';
import { inMemoryRateLimiters, type RateLimiterFactory } from '../../db/shared-rate-limits';
import { rateLimited } from '../../shared/errors';

const HOUR_SECONDS = 60 * 60;
const MINUTE_SECONDS = 60;
/** How many (address, voter) pairs are remembered; past it the oldest count as new again (stricter, never looser). */
const DEFAULT_MAX_TRACKED_VOTERS = 200_000;

export interface VoteLimiterOptions {
  maxTrackedVoters?: number;
  /**
   * Counts kept where every gateway on the database sees them (src/db/shared-rate-limits.ts), keyed
   * under `secret`, which every gateway shares (the voter salt). Default: this process's memory,
   * under a random key.
   */
  shared?: { limiters: RateLimiterFactory; secret: string };
}

/**
 * Limits that hang on what a client cannot invent cheaply, its address, rather than on voter
 * ids it can make up at will: at most `votesPerMinute` votes and `newVotersPerHour` new voter
 * identities per client address (0 switches either off). One instance per process, shared by
 * every request; the counts live in memory, or with `shared` in the database for all gateways.
 *
 * Addresses are never kept as given: each is reduced to what one client controls (an IPv6 /64,
 * an IPv4 address) and keyed by an HMAC, so neither the keys nor anything logged or thrown
 * reveals an address.
 */
export class VoteLimiter {
  private readonly perMinute: RateLimiterAbstract | null;
  private readonly newVoters: RateLimiterAbstract | null;
  /** (address, voter) pairs that already spent a new-identity point within the hour, as this process knows. */
  private readonly seen: LRUCache<string, true> | null;
  /** The same, as every gateway knows (with `shared`): a pair seen on one passes on the others. */
  private readonly seenShared: RateLimiterAbstract | null;
  /** Pairs whose new-identity point is being taken right now: simultaneous votes share the outcome. */
  private readonly pending = new Map<string, Promise<void>>();
  private readonly secret: Buffer;

  constructor(limits: VoteLimits, options: VoteLimiterOptions = {}) {
    const limiter = options.shared?.limiters ?? inMemoryRateLimiters;
    this.secret = options.shared ? createHmac('sha256', options.shared.secret).update('newsgate vote limits').digest() : randomBytes(32);
    this.perMinute =
      limits.votesPerMinute > 0
        ? limiter({ keyPrefix: 'votes-per-minute', points: limits.votesPerMinute, duration: MINUTE_SECONDS })
        : null;
    this.newVoters =
      limits.newVotersPerHour > 0 ? limiter({ keyPrefix: 'new-voters', points: limits.newVotersPerHour, duration: HOUR_SECONDS }) : null;
    this.seenShared =
      limits.newVotersPerHour > 0 && options.shared ? limiter({ keyPrefix: 'seen-voters', points: 1, duration: HOUR_SECONDS }) : null;
    this.seen =
      limits.newVotersPerHour > 0
        ? new LRUCache<string, true>({ max: options.maxTrackedVoters ?? DEFAULT_MAX_TRACKED_VOTERS, ttl: HOUR_SECONDS * 1000 })
        : null;
  }

  /** No limits at all (tools and tests that build services without a configuration). */
  static off(): VoteLimiter {
    return new VoteLimiter({ newVotersPerHour: 0, votesPerMinute: 0 });
  }

  get enabled(): boolean {
    return this.perMinute !== null || this.newVoters !== null;
  }

  /**
   * Takes one vote's worth of both limits for this address, or throws RATE_LIMITED (with
   * `retryAfterSeconds`) and takes nothing: call it just before the vote is written.
   */
  async admit(address: string | undefined, voterHash: string): Promise<void> {
    if (!this.enabled) return;
    const addressKey = this.keyFor(address);
    if (this.perMinute) {
      try {
        await this.perMinute.consume(addressKey);
      } catch (error) {
        throw refusal(error, 'Too many votes from this address');
      }
    }
    if (this.newVoters && this.seen) {
      try {
        await this.admitIdentity(addressKey, `${addressKey}:${voterHash}`);
      } catch (error) {
        // The vote is refused: give back the minute's point it took.
        if (this.perMinute) await this.perMinute.reward(addressKey);
        throw error;
      }
    }
  }

  /**
   * A pair seen within the hour passes freely; a new one spends one of the address's points. With
   * shared counts, a pair first seen on two gateways at the same moment spends a point on each
   * (stricter, never looser).
   */
  private async admitIdentity(addressKey: string, pairKey: string): Promise<void> {
    const seen = this.seen as LRUCache<string, true>;
    const newVoters = this.newVoters as RateLimiterAbstract;
    if (seen.has(pairKey)) return;
    let pending = this.pending.get(pairKey);
    if (!pending) {
      pending = (async () => {
        const elsewhere = await this.seenShared?.get(pairKey);
        if (elsewhere) {
          // Remembered here for as long as the shared record lasts.
          seen.set(pairKey, true, { ttl: Math.max(1, elsewhere.msBeforeNext) });
          return;
        }
        try {
          await newVoters.consume(addressKey);
        } catch (error) {
          // Refused identities are not remembered: they stay new, and stay refused.
          throw refusal(error, 'Too many new voters from this address');
        }
        seen.set(pairKey, true);
        await this.seenShared?.set(pairKey, 1, HOUR_SECONDS);
      })().finally(() => this.pending.delete(pairKey));
      this.pending.set(pairKey, pending);
    }
    await pending;
  }

  private keyFor(address: string | undefined): string {
    return createHmac('sha256', this.secret).update(addressBucket(address)).digest('base64url').slice(0, 22);
  }
}

function refusal(error: unknown, what: string): Error {
  if (!(error instanceof RateLimiterRes)) return error instanceof Error ? error : new Error(String(error));
  const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
  return rateLimited(`${what}; try again in ${seconds} second${seconds === 1 ? '' : 's'}. Nothing was stored.`, seconds);
}

/**
 * What one client controls: an IPv4 address, or the /64 network of an IPv6 address (one host
 * usually has a whole /64 to pick addresses from). Ports, brackets, zone ids and IPv4-mapped
 * IPv6 forms are normalised away; anything unrecognised is used as given.
 */
export function addressBucket(address: string | undefined): string {
  let value = (address ?? '').trim().toLowerCase();
  if (!value) return 'unknown';
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(value)) value = value.replace(/:\d+$/, '');
  value = value.replace(/%.*$/, '');
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(value)) return value;
  if (isIPv6(value)) return `${ipv6Groups(value).slice(0, 4).join(':')}::/64`;
  return value;
}

/** The eight 16-bit groups of a valid IPv6 address, as lower-case hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  let text = address;
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const filler = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...filler, ...right].map((group) => parseInt(group, 16).toString(16));
}

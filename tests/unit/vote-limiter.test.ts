import { GraphQLError } from 'graphql';
import { addressBucket, VoteLimiter } from '../../src/modules/rating/vote-limiter';

const voter = (n: number) => `voter-hash-${n}`;

/** RATE_LIMITED's extensions, or null when the vote was admitted. */
async function attempt(limiter: VoteLimiter, address: string | undefined, voterHash: string): Promise<Record<string, unknown> | null> {
  try {
    await limiter.admit(address, voterHash);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return (error as GraphQLError).extensions;
  }
}

describe('VoteLimiter', () => {
  it('admits NEW_VOTERS_PER_HOUR new identities per address, then refuses with a retry-after hint', async () => {
    const limiter = new VoteLimiter({ newVotersPerHour: 3, votesPerMinute: 0 });
    for (let n = 0; n < 3; n += 1) expect(await attempt(limiter, '203.0.113.7', voter(n))).toBeNull();
    const refused = await attempt(limiter, '203.0.113.7', voter(3));
    expect(refused).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(refused?.retryAfterSeconds).toBeGreaterThan(3500);
    expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(3600);
    // Identities already seen keep voting; another address has its own allowance.
    for (let n = 0; n < 3; n += 1) expect(await attempt(limiter, '203.0.113.7', voter(n))).toBeNull();
    expect(await attempt(limiter, '198.51.100.1', voter(3))).toBeNull();
  });

  it('does not remember a refused identity as seen', async () => {
    const limiter = new VoteLimiter({ newVotersPerHour: 1, votesPerMinute: 0 });
    expect(await attempt(limiter, '203.0.113.7', voter(0))).toBeNull();
    for (let i = 0; i < 3; i += 1) expect((await attempt(limiter, '203.0.113.7', voter(1)))?.code).toBe('RATE_LIMITED');
  });

  it('counts simultaneous first votes of one identity once', async () => {
    const limiter = new VoteLimiter({ newVotersPerHour: 2, votesPerMinute: 0 });
    const results = await Promise.all(Array.from({ length: 10 }, () => attempt(limiter, '203.0.113.7', voter(0))));
    expect(results.every((result) => result === null)).toBe(true);
    expect(await attempt(limiter, '203.0.113.7', voter(1))).toBeNull();
    expect((await attempt(limiter, '203.0.113.7', voter(2)))?.code).toBe('RATE_LIMITED');
  });

  it('admits exactly the limit when many new identities arrive at once', async () => {
    const limiter = new VoteLimiter({ newVotersPerHour: 20, votesPerMinute: 0 });
    const results = await Promise.all(Array.from({ length: 300 }, (_, n) => attempt(limiter, '203.0.113.7', voter(n))));
    expect(results.filter((result) => result === null)).toHaveLength(20);
  });

  it('admits VOTES_PER_MINUTE votes per address, then refuses for at most a minute', async () => {
    const limiter = new VoteLimiter({ newVotersPerHour: 0, votesPerMinute: 5 });
    for (let i = 0; i < 5; i += 1) expect(await attempt(limiter, '203.0.113.7', voter(i % 2))).toBeNull();
    const refused = await attempt(limiter, '203.0.113.7', voter(0));
    expect(refused?.code).toBe('RATE_LIMITED');
    expect(refused?.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await attempt(limiter, '198.51.100.1', voter(0))).toBeNull();
  });

  it('gives back the minute point of a vote refused as a new identity', async () => {
    const limiter = new VoteLimiter({ newVotersPerHour: 1, votesPerMinute: 3 });
    expect(await attempt(limiter, '203.0.113.7', voter(0))).toBeNull();
    for (let n = 1; n <= 10; n += 1) expect((await attempt(limiter, '203.0.113.7', voter(n)))?.code).toBe('RATE_LIMITED');
    // Only the admitted vote was counted: two more fit into the minute.
    expect(await attempt(limiter, '203.0.113.7', voter(0))).toBeNull();
    expect(await attempt(limiter, '203.0.113.7', voter(0))).toBeNull();
    expect((await attempt(limiter, '203.0.113.7', voter(0)))?.code).toBe('RATE_LIMITED');
  });

  it('switches each limit off with 0', async () => {
    const noNewVoterLimit = new VoteLimiter({ newVotersPerHour: 0, votesPerMinute: 1000 });
    for (let n = 0; n < 200; n += 1) expect(await attempt(noNewVoterLimit, '203.0.113.7', voter(n))).toBeNull();
    const noMinuteLimit = new VoteLimiter({ newVotersPerHour: 2, votesPerMinute: 0 });
    for (let i = 0; i < 200; i += 1) expect(await attempt(noMinuteLimit, '203.0.113.7', voter(i % 2))).toBeNull();
    expect(VoteLimiter.off().enabled).toBe(false);
  });

  it('never puts the address in the error', async () => {
    const limiter = new VoteLimiter({ newVotersPerHour: 0, votesPerMinute: 1 });
    await limiter.admit('203.0.113.77', voter(0));
    const error = await limiter.admit('203.0.113.77', voter(0)).then(
      () => null,
      (thrown: GraphQLError) => thrown,
    );
    expect(error).not.toBeNull();
    expect(JSON.stringify({ message: error?.message, extensions: error?.extensions })).not.toContain('203.0.113');
  });

  it('treats an IPv6 /64 as one client', async () => {
    const limiter = new VoteLimiter({ newVotersPerHour: 2, votesPerMinute: 0 });
    expect(await attempt(limiter, '2001:db8:1:2::1', voter(0))).toBeNull();
    expect(await attempt(limiter, '2001:db8:1:2:ffff:ffff:ffff:fffe', voter(1))).toBeNull();
    expect((await attempt(limiter, '2001:0db8:0001:0002:dead:beef:0:1', voter(2)))?.code).toBe('RATE_LIMITED');
    expect(await attempt(limiter, '2001:db8:1:3::1', voter(2))).toBeNull();
  });
});

describe('addressBucket', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:203.0.113.7', '203.0.113.7'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['[2001:db8:1:2::9]:443', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['2001:DB8:0001:0002:0003:0004:0005:0006', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    [undefined, 'unknown'],
    ['', 'unknown'],
    ['not-an-address', 'not-an-address'],
  ])('%p -> %p', (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });
});

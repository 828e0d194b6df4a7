import { Rating } from '../../src/modules/rating/rating.type';
import { hashVoter, voterKey } from '../../src/modules/rating/voter';

describe('Rating', () => {
  it('derives votes and average from the histogram', () => {
    const rating = new Rating(1, [1, 0, 0, 0, 2]);
    expect(rating.votes).toBe(3);
    expect(rating.average).toBeCloseTo(11 / 3);
  });

  it('has a null average with no votes', () => {
    expect(new Rating(1, [0, 0, 0, 0, 0]).average).toBeNull();
  });
});

describe('voter identity', () => {
  it('prefers the X-Voter-Id token over the address', () => {
    expect(voterKey({ token: 'abcdefgh', address: '1.2.3.4', userAgent: 'x' })).toBe('token:abcdefgh');
    expect(voterKey({ address: '1.2.3.4', userAgent: 'x' })).toBe('client:1.2.3.4|x');
  });

  it('tells apart clients at one address by user agent', () => {
    expect(voterKey({ address: '1.2.3.4', userAgent: 'a' })).not.toBe(voterKey({ address: '1.2.3.4', userAgent: 'b' }));
  });

  it.each(['', 'short', 'x'.repeat(129), 'with space', 'ümlaut-token'])('rejects the token %p', (token) => {
    expect(() => voterKey({ token })).toThrow(/X-Voter-Id/);
  });

  it('accepts tokens of 8 and 128 characters', () => {
    expect(voterKey({ token: 'a'.repeat(8) })).toBe(`token:${'a'.repeat(8)}`);
    expect(voterKey({ token: 'A_-9'.repeat(32) })).toBe(`token:${'A_-9'.repeat(32)}`);
  });

  it('hashes with the salt: same voter, same hash; another salt, another hash', () => {
    const key = voterKey({ token: 'reader-123' });
    expect(hashVoter('salt-one-0123456789', key)).toBe(hashVoter('salt-one-0123456789', key));
    expect(hashVoter('salt-one-0123456789', key)).not.toBe(hashVoter('salt-two-0123456789', key));
    expect(hashVoter('salt-one-0123456789', key)).toMatch(/^[0-9a-f]{64}$/);
  });
});

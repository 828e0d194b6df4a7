import { inMemoryRatingEvents } from './rating-events';
import { Rating } from './rating.type';

const change = (votes: number) => ({ rating: new Rating(7, [votes, 0, 0, 0, 0]), voterHash: `voter-${votes}` });

describe('inMemoryRatingEvents', () => {
  it("delivers an article's changes to its subscribers only", async () => {
    const events = inMemoryRatingEvents();
    const seven = events.subscribe(7)[Symbol.asyncIterator]();
    const eight = events.subscribe(8)[Symbol.asyncIterator]();
    const next = seven.next();
    events.publish(7, change(1));
    expect((await next).value).toEqual(change(1));
    const other = eight.next();
    events.publish(7, change(2));
    events.publish(8, change(3));
    expect((await other).value).toEqual(change(3));
    await seven.return?.();
    await eight.return?.();
  });

  it('keeps only the newest change for a subscriber that does not read, and never throws in the publisher', async () => {
    const events = inMemoryRatingEvents();
    const slow = events.subscribe(7)[Symbol.asyncIterator]();
    // Started, then not read while thousands of votes are published (a stalled socket).
    const first = slow.next();
    events.publish(7, change(0));
    await first;
    expect(() => {
      for (let votes = 1; votes <= 5_000; votes += 1) events.publish(7, change(votes));
    }).not.toThrow();
    expect((await slow.next()).value).toEqual(change(5_000));
    await slow.return?.();
  });

  it('stops delivering to a subscriber that has returned', async () => {
    const events = inMemoryRatingEvents();
    const gone = events.subscribe(7)[Symbol.asyncIterator]();
    const pending = gone.next();
    await gone.return?.();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(() => events.publish(7, change(1))).not.toThrow();
    expect(await gone.next()).toEqual({ value: undefined, done: true });
  });

  it('drops a change older than one already published for the article (several gateways, notices out of order)', async () => {
    const events = inMemoryRatingEvents();
    const subscriber = events.subscribe(7)[Symbol.asyncIterator]();
    const versioned = (votes: number, version: number) => ({ ...change(votes), version });
    const first = subscriber.next();
    events.publish(7, versioned(11, 11));
    expect((await first).value).toEqual(versioned(11, 11));
    // The tally of version 10 arrives late: the subscriber keeps 11 and gets 12 next.
    events.publish(7, versioned(10, 10));
    const next = subscriber.next();
    events.publish(7, versioned(12, 12));
    expect((await next).value).toEqual(versioned(12, 12));
    // Two votes of one group share a version: both are delivered, the second voter's too.
    const sameGroup = subscriber.next();
    events.publish(7, { ...versioned(13, 13), voterHash: 'first-of-group' });
    expect((await sameGroup).value).toEqual({ ...versioned(13, 13), voterHash: 'first-of-group' });
    const second = subscriber.next();
    events.publish(7, { ...versioned(13, 13), voterHash: 'second-of-group' });
    expect((await second).value).toEqual({ ...versioned(13, 13), voterHash: 'second-of-group' });
    await subscriber.return?.();
  });
});

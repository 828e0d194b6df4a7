import pino from 'pino';
import type { DataSource } from 'typeorm';
import { parseLsn, ReplicaPositions } from '../db/replica-positions';
import { ReadRouting } from './read-routing';

/** Replicas whose positions the test sets, answering `pg_last_wal_replay_lsn()` from them. */
function fakeReplicas(...positions: string[]) {
  const asked: number[] = [];
  const replicas = positions.map(
    (_, index) =>
      ({
        query: async () => {
          asked.push(index);
          return [{ lsn: positions[index] }];
        },
      }) as unknown as DataSource,
  );
  return { positions, asked, replicas: new ReplicaPositions(replicas) };
}

const primaryAt = (lsn: string) => ({ query: async () => [{ lsn }] }) as unknown as DataSource;
const heard = async () => false;

describe('parseLsn', () => {
  it('orders WAL positions by their high, then low, 32-bit halves', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0')).toBe(1n << 32n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(() => parseLsn('16B3748')).toThrow('not a WAL position');
  });
});

describe('ReadRouting', () => {
  it('sends a reader to the primary until a replica has replayed their own write, and others to the replica', async () => {
    const fake = fakeReplicas('0/100');
    const routing = new ReadRouting(primaryAt('0/100'), fake.replicas, heard, pino({ level: 'silent' }));
    await routing.requireCurrent();
    const writer = 'a'.repeat(64);
    routing.noted([writer.slice(0, 16)], '0/200');
    expect(await routing.route(writer)).toBeNull();
    expect(await routing.route('b'.repeat(64))).toBe(0);
    fake.positions[0] = '0/200';
    expect(await routing.route(writer)).toBe(0);
  });

  it('holds every reader to the position at start, and cacheable reads to the latest change', async () => {
    const fake = fakeReplicas('0/50');
    const primary = { position: '0/100' };
    const movingPrimary = { query: async () => [{ lsn: primary.position }] } as unknown as DataSource;
    const routing = new ReadRouting(movingPrimary, fake.replicas, heard, pino({ level: 'silent' }));
    await routing.requireCurrent();
    expect(await routing.route('c'.repeat(64))).toBeNull();
    fake.positions[0] = '0/100';
    expect(await routing.route('c'.repeat(64))).toBe(0);
    routing.changed('0/180');
    expect(await routing.route('c'.repeat(64), { cacheable: true })).toBeNull();
    expect(await routing.route('c'.repeat(64))).toBe(0);
    // A change whose position is unknown: every read waits for where the primary's log ends now.
    primary.position = '0/400';
    routing.changed(null);
    fake.positions[0] = '0/300';
    expect(await routing.route('c'.repeat(64), { cacheable: true })).toBeNull();
    expect(await routing.route('c'.repeat(64))).toBeNull();
    fake.positions[0] = '0/400';
    expect(await routing.route('c'.repeat(64), { cacheable: true })).toBe(0);
  });

  it('after notices may have been missed, reads the primary until it has learnt where the log ends, and requires that', async () => {
    const fake = fakeReplicas('0/100');
    const primary = { position: '0/100', answers: true };
    const movingPrimary = {
      query: async () => {
        if (!primary.answers) throw new Error('connection refused');
        return [{ lsn: primary.position }];
      },
    } as unknown as DataSource;
    const routing = new ReadRouting(movingPrimary, fake.replicas, heard, pino({ level: 'silent' }));
    await routing.requireCurrent();
    expect(await routing.route(null)).toBe(0);
    // Writes made while the listening connection was away: their notices are lost.
    primary.position = '0/200';
    primary.answers = false;
    routing.gap();
    expect(await routing.route(null)).toBeNull();
    primary.answers = true;
    expect(await routing.route(null)).toBeNull();
    fake.positions[0] = '0/200';
    expect(await routing.route(null)).toBe(0);
  });

  it('uses the primary while notices from other gateways may be missing', async () => {
    const fake = fakeReplicas('0/100');
    const routing = new ReadRouting(primaryAt('0/1'), fake.replicas, async () => true, pino({ level: 'silent' }));
    expect(await routing.route('d'.repeat(64))).toBeNull();
  });

  it('asks the replicas only when what it knows is not enough, and spreads reads over those that have caught up', async () => {
    const fake = fakeReplicas('0/100', '0/100');
    const routing = new ReadRouting(primaryAt('0/100'), fake.replicas, heard, pino({ level: 'silent' }));
    await routing.requireCurrent();
    const picks = [];
    for (let index = 0; index < 4; index += 1) picks.push(await routing.route('e'.repeat(64)));
    expect(picks).toEqual([0, 1, 0, 1]);
    // One round of questions (both replicas), at the first read; none after.
    expect(fake.asked).toEqual([0, 1]);
  });
});

describe('ReplicaPositions', () => {
  const answering = (lsn: string) => ({ query: async () => [{ lsn }] }) as unknown as DataSource;

  it('passes over a replica that fails to answer, or answers too late, until it answers again', async () => {
    jest.useFakeTimers();
    try {
      let down: 'refuses' | 'hangs' | null = 'refuses';
      const flaky = {
        query: () =>
          down === 'refuses'
            ? Promise.reject(new Error('connection refused'))
            : down === 'hangs'
              ? new Promise(() => undefined)
              : Promise.resolve([{ lsn: '0/900' }]),
      } as unknown as DataSource;
      const positions = new ReplicaPositions([flaky, answering('0/100')]);
      await positions.refresh();
      expect(await positions.replicaAt(0x50n, 0)).toBe(1);
      expect(positions.lowest()).toBeLessThan(0n);
      down = null;
      await positions.refresh();
      expect(await positions.replicaAt(0x50n, 0)).toBe(0);
      down = 'hangs';
      const round = positions.refresh();
      await jest.advanceTimersByTimeAsync(2_000);
      await round;
      expect(await positions.replicaAt(0x50n, 0)).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('stops reading a replica whose connection failed, not one whose statement did', async () => {
    const replica = answering('0/100');
    const positions = new ReplicaPositions([replica, answering('0/100')]);
    await positions.refresh();
    positions.failed(replica, Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' }));
    expect(positions.unreachable).toBe(0);
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      new Error('Connection terminated unexpectedly'),
    ]) {
      await positions.refresh();
      expect(await positions.replicaAt(0x100n, 0)).toBe(0);
      positions.failed(replica, error);
      expect(positions.unreachable).toBe(1);
      expect(await positions.replicaAt(0x50n, 0)).toBe(1);
    }
  });

  it('answers as soon as one replica has caught up, without waiting for one that hangs, and asks a hung one once', async () => {
    let questions = 0;
    const hanging = {
      query: () => {
        questions += 1;
        return new Promise(() => undefined);
      },
    } as unknown as DataSource;
    const positions = new ReplicaPositions([hanging, answering('0/200')]);
    const soon = new Promise((resolve) => setTimeout(() => resolve('waited'), 500));
    expect(await Promise.race([positions.replicaAt(0x150n, 0), soon])).toBe(1);
    expect(await Promise.race([positions.replicaAt(0x250n, 0), new Promise((resolve) => setTimeout(() => resolve('waited'), 100))])).toBe(
      'waited',
    );
    expect(questions).toBe(1);
  });

  it('asks every replica on each tick of watch() until closed', async () => {
    jest.useFakeTimers();
    const fake = fakeReplicas('0/100');
    try {
      fake.replicas.watch(1_000);
      await jest.advanceTimersByTimeAsync(3_000);
      expect(fake.asked).toEqual([0, 0, 0]);
      fake.replicas.close();
      await jest.advanceTimersByTimeAsync(3_000);
      expect(fake.asked).toHaveLength(3);
    } finally {
      jest.useRealTimers();
    }
  });
});

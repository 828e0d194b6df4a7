import { decodeCursor, encodeCursor } from '../../src/shared/cursor';

describe('cursors', () => {
  it('round-trip their key', () => {
    const cursor = encodeCursor('article:newest', { p: '2026-01-30T07:10:00.000Z', id: 5 });
    expect(decodeCursor(cursor, 'article:newest', { p: 'date', id: 'number' })).toEqual({ p: '2026-01-30T07:10:00.000Z', id: 5 });
  });

  it('reject a cursor made for another list', () => {
    const cursor = encodeCursor('quote:speaker-newest', { p: '2026-01-30T07:10:00.000Z', a: 1, pos: 0 });
    expect(() => decodeCursor(cursor, 'article:newest', { p: 'date', id: 'number' })).toThrow(/not a valid cursor/);
  });

  it.each([
    ['garbage', 'not base64url'],
    [Buffer.from('not json').toString('base64url'), 'not JSON'],
    [encodeCursor('article:newest', { p: 'yesterday', id: 5 }), 'a bad date'],
    [encodeCursor('article:newest', { p: '2026-01-30T07:10:00.000Z', id: 'five' }), 'a non-numeric id'],
    [encodeCursor('article:newest', { p: '2026-01-30T07:10:00.000Z', id: 1.5 }), 'a fractional id'],
    [encodeCursor('article:newest', { p: '2026-01-30T07:10:00.000Z' }), 'a missing id'],
  ])('reject %p (%s) as BAD_USER_INPUT', (cursor) => {
    expect(() => decodeCursor(cursor, 'article:newest', { p: 'date', id: 'number' })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });

  it.each([
    ['an id past 32 bits', { k: 'c', p: '2026-01-01T00:00:00.000Z', id: 2 ** 31 }],
    ['a score past any column', { k: 'c', p: '2026-01-01T00:00:00.000Z', id: 1, s: 1e300 }],
    ['a date before year 1', { k: 'c', p: '-004800-01-01T00:00:00.000Z', id: 1 }],
  ])('refuses %s as BAD_USER_INPUT, not a database error', (_name, key) => {
    const cursor = Buffer.from(JSON.stringify(key)).toString('base64url');
    expect(() => decodeCursor(cursor, 'c', { p: 'date', id: 'number', ...('s' in key ? { s: 'float' as const } : {}) })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });
});

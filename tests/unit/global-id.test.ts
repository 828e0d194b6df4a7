import { decodeGlobalId, encodeGlobalId, expectGlobalId, MAX_ID } from '../../src/shared/global-id';

describe('global IDs', () => {
  it('round-trip every node type', () => {
    for (const type of ['Article', 'Person', 'Quote'] as const) {
      expect(decodeGlobalId(encodeGlobalId(type, 42))).toEqual({ type, id: 42 });
    }
  });

  it('are opaque: no bare type name or number in the text', () => {
    const id = encodeGlobalId('Article', 7);
    expect(id).not.toContain('Article');
    expect(id).not.toMatch(/^\d+$/);
  });

  it.each([
    '',
    '7',
    '!!!',
    Buffer.from('Article:').toString('base64url'),
    Buffer.from('Vote:1').toString('base64url'),
    Buffer.from('Article:0').toString('base64url'),
    Buffer.from('Article:-1').toString('base64url'),
    Buffer.from('Article:99999999999999999').toString('base64url'),
  ])('rejects %p', (value) => {
    expect(decodeGlobalId(value)).toBeNull();
  });

  it('expectGlobalId throws BAD_USER_INPUT for an ID of another type', () => {
    expect(expectGlobalId(encodeGlobalId('Quote', 3), 'Quote', 'id')).toBe(3);
    expect(() => expectGlobalId(encodeGlobalId('Person', 3), 'Quote', 'id')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });

  it('names nothing past the 32-bit ids of every engine (PostgreSQL would refuse to compare one)', () => {
    expect(decodeGlobalId(encodeGlobalId('Article', MAX_ID))).toEqual({ type: 'Article', id: MAX_ID });
    expect(decodeGlobalId(Buffer.from(`Article:${MAX_ID + 1}`).toString('base64url'))).toBeNull();
  });
});

import { clientAddress, type ContextRequest } from '../../src/server/context';

/** Just what clientAddress reads: the headers and the socket's peer address. */
function request(forwardedFor?: string | string[], remoteAddress: string | null = '192.0.2.10'): ContextRequest {
  const headers = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  return { headers, socket: { remoteAddress: remoteAddress ?? undefined } };
}

describe('clientAddress', () => {
  it('with 0 hops ignores X-Forwarded-For and takes the socket address', () => {
    expect(clientAddress(request('203.0.113.7'), 0)).toBe('192.0.2.10');
    expect(clientAddress(request('forged, 203.0.113.7'), 0)).toBe('192.0.2.10');
    expect(clientAddress(request(), 0)).toBe('192.0.2.10');
  });

  it('with 1 hop takes the rightmost entry: the one our proxy appended', () => {
    expect(clientAddress(request('203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientAddress(request('203.0.113.7, 198.51.100.4'), 1)).toBe('198.51.100.4');
  });

  it('never trusts entries the client wrote itself (left of the trusted hops)', () => {
    expect(clientAddress(request('forged, 10.0.0.1'), 1)).toBe('10.0.0.1');
    expect(clientAddress(request('1.1.1.1, 2.2.2.2, 10.0.0.1'), 1)).toBe('10.0.0.1');
    expect(clientAddress(request('forged, 203.0.113.7, 10.0.0.2'), 2)).toBe('203.0.113.7');
  });

  it('with n hops counts n entries from the right', () => {
    const chain = 'a.example, 203.0.113.1, 203.0.113.2, 203.0.113.3';
    expect(clientAddress(request(chain), 1)).toBe('203.0.113.3');
    expect(clientAddress(request(chain), 2)).toBe('203.0.113.2');
    expect(clientAddress(request(chain), 3)).toBe('203.0.113.1');
  });

  it('joins repeated X-Forwarded-For headers in order and skips empty entries and spaces', () => {
    expect(clientAddress(request(['forged', '203.0.113.7, 10.0.0.5']), 1)).toBe('10.0.0.5');
    expect(clientAddress(request(['forged', '203.0.113.7, 10.0.0.5']), 2)).toBe('203.0.113.7');
    expect(clientAddress(request(' 203.0.113.7 ,, 10.0.0.5 , '), 1)).toBe('10.0.0.5');
  });

  it('with fewer entries than hops takes the rightmost one (our nearest proxy wrote it), and without any the socket address', () => {
    expect(clientAddress(request('203.0.113.7'), 2)).toBe('203.0.113.7');
    expect(clientAddress(request('forged, 10.0.0.5'), 3)).toBe('10.0.0.5');
    expect(clientAddress(request(), 1)).toBe('192.0.2.10');
    expect(clientAddress(request(' , '), 1)).toBe('192.0.2.10');
  });

  it('is undefined when neither the header nor the socket gives an address', () => {
    expect(clientAddress(request(undefined, null), 0)).toBeUndefined();
    expect(clientAddress(request(undefined, null), 1)).toBeUndefined();
  });
});

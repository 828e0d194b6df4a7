import { startTestGateway, type TestGateway } from '../support/test-gateway';

const ALLOWED = 'https://news.example.com';
const QUERY = JSON.stringify({ query: '{ articles(first: 1) { totalCount } }' });

/** CORS_ORIGINS over HTTP: the fast path, a response-cache hit, a refusal and a preflight answer alike. */
describe('CORS', () => {
  const post = (server: TestGateway, origin: string | undefined, body = QUERY) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(origin && { origin }) }, body });
  const corsOf = (response: Response) => [response.headers.get('access-control-allow-origin'), response.headers.get('vary')];

  describe('with origins named', () => {
    let server: TestGateway;
    beforeAll(async () => {
      server = await startTestGateway({ corsOrigins: [ALLOWED] });
    });
    afterAll(() => server.close());

    it('lets a named origin read responses, computed or cached, and no other', async () => {
      expect(corsOf(await post(server, ALLOWED))).toEqual([ALLOWED, 'Origin']);
      // The same query again is answered from the response cache.
      expect(corsOf(await post(server, ALLOWED))).toEqual([ALLOWED, 'Origin']);
      expect(corsOf(await post(server, 'https://evil.example.net'))).toEqual([null, 'Origin']);
      expect(corsOf(await post(server, undefined))).toEqual([null, 'Origin']);
      // A body refused before GraphQL reads it carries the same headers.
      const refused = await post(server, ALLOWED, '{not json');
      expect([refused.status, ...corsOf(refused)]).toEqual([400, ALLOWED, 'Origin']);
    });

    it('answers a preflight from a named origin only', async () => {
      const preflight = (origin: string) =>
        fetch(server.url, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
      const allowed = await preflight(ALLOWED);
      expect([allowed.status, allowed.headers.get('access-control-allow-origin')]).toEqual([204, ALLOWED]);
      expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
      expect((await preflight('https://evil.example.net')).headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('lets every origin read responses by default outside production', async () => {
    const server = await startTestGateway();
    try {
      expect((await post(server, 'https://anywhere.example.org')).headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await server.close();
    }
  });
});

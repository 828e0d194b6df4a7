import { startTestGateway, type TestGateway } from '../support/test-gateway';

/** The operator's endpoints beside /graphql, over HTTP. */
describe('operator endpoints', () => {
  let server: TestGateway;
  const at = (path: string) => server.url.replace('/graphql', path);
  beforeAll(async () => {
    server = await startTestGateway();
  });
  afterAll(() => server.close());

  it('/healthz says the process is up; /readyz that the database answers and is migrated', async () => {
    const health = await fetch(at('/healthz'));
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(at('/readyz'));
    expect([ready.status, ready.headers.get('cache-control'), await ready.json()]).toEqual([200, 'no-store', { status: 'ready' }]);
  });
});

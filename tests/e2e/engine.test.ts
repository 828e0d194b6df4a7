import { startTestGateway } from '../support/test-gateway';

/** Each jest project runs its suites on its own engine (a leaked variable once ran both on PostgreSQL). */
describe('the engine under test', () => {
  it('is the one the jest project names', async () => {
    const server = await startTestGateway();
    try {
      const project = process.env.NEWSGATE_TEST_PROJECT;
      expect([
        ['sqlite', 'sqlite'],
        ['postgres', 'postgres'],
      ]).toContainEqual([project, server.gateway.dataSource.options.type]);
    } finally {
      await server.close();
    }
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, openReaders } from '../../src/db/data-source';
import { entities } from '../../src/modules/entities';
import { startTestGateway } from '../support/test-gateway';

describe('reader connections', () => {
  it('see what the writer commits at once, and refuse to write themselves', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-readers-'));
    const database = { type: 'sqlite' as const, database: path.join(dir, 'db.sqlite') };
    const writer = await openDatabase(database, entities);
    const [reader] = await openReaders(database, entities, 1);
    try {
      await writer.query(`INSERT INTO instance_setting (key, value) VALUES ('probe', 'one')`);
      expect(await reader.query(`SELECT value FROM instance_setting WHERE key = 'probe'`)).toEqual([{ value: 'one' }]);
      await expect(reader.query(`INSERT INTO instance_setting (key, value) VALUES ('sneaky', 'write')`)).rejects.toThrow(
        /readonly|read-only|query_only/i,
      );
      expect(await writer.query(`SELECT COUNT(*) AS n FROM instance_setting WHERE key = 'sneaky'`)).toEqual([{ n: 0 }]);
    } finally {
      await reader.destroy();
      await writer.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are not opened for an in-memory database, which a second connection could not see', async () => {
    expect(await openReaders({ type: 'sqlite', database: ':memory:' }, entities, 3)).toEqual([]);
  });

  it('lets a gateway on sqlite::memory: serve and vote on one connection', async () => {
    const server = await startTestGateway({ database: { type: 'sqlite', database: ':memory:' } });
    try {
      const { articles } = await server.data('{ articles { totalCount edges { node { id } } } }');
      expect(articles.totalCount).toBe(1);
      const { rateArticle } = await server.data(
        'mutation($id: ID!) { rateArticle(input: { articleId: $id, stars: 4 }) { rating { votes } } }',
        { id: articles.edges[0].node.id },
        { 'x-voter-id': 'memory-voter-1' },
      );
      expect(rateArticle.rating.votes).toBe(1);
    } finally {
      await server.close();
    }
  });
});

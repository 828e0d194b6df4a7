import { execute, parse } from 'graphql';
import { buildGatewaySchema } from '../../src/schema/build-schema';
import { checkDeadlineAtRootFields, Deadline } from '../../src/server/deadline';
import { createLoaders } from '../../src/server/loaders';
import type { Services } from '../../src/server/services';

/** Services whose every method records that it was asked to query (and returns no rows). */
function recordingServices(): { calls: string[]; services: Services } {
  const calls: string[] = [];
  const services = new Proxy({} as Services, {
    get: (_target, service) =>
      new Proxy(
        {},
        {
          get: (_inner, method) => async () => {
            calls.push(`${String(service)}.${String(method)}`);
            return [];
          },
        },
      ),
  });
  return { calls, services };
}

describe('loaders past the operation deadline', () => {
  it('send no SQL and reject with TIMEOUT', async () => {
    const { calls, services } = recordingServices();
    const deadline = new Deadline(5, performance.now() - 10);
    const loaders = createLoaders(
      services,
      () => 'voter',
      () => deadline.check(),
    );
    await expect(loaders.articleById.load(1)).rejects.toMatchObject({ extensions: { code: 'TIMEOUT', timeoutMs: 5 } });
    await expect(loaders.articlesByPerson.load({ count: 2, cursor: null, backward: false }, 1)).rejects.toMatchObject({
      extensions: { code: 'TIMEOUT' },
    });
    await expect(loaders.relatedByArticle.load({ limit: 3, fields: ['headline'] }, 1)).rejects.toMatchObject({
      extensions: { code: 'TIMEOUT' },
    });
    expect(calls).toEqual([]);
  });

  it('query as usual before it', async () => {
    const calls: string[] = [];
    const services = {
      articles: { findByIds: async (ids: readonly number[]) => (calls.push('articles.findByIds'), ids.map(() => null)) },
    } as unknown as Services;
    const deadline = new Deadline(60_000);
    const loaders = createLoaders(
      services,
      () => 'voter',
      () => deadline.check(),
    );
    await expect(loaders.articleById.load(1)).resolves.toBeNull();
    expect(calls).toEqual(['articles.findByIds']);
  });
});

describe('root fields past the operation deadline', () => {
  it('start no resolver: no service is called and the operation answers TIMEOUT', async () => {
    const { calls, services } = recordingServices();
    const deadline = new Deadline(5, performance.now() - 10);
    const schema = checkDeadlineAtRootFields(buildGatewaySchema());
    const result = await execute({
      schema,
      document: parse('{ articles(first: 1) { totalCount } sections { section } person(slug: "x") { name } }'),
      contextValue: {
        deadline,
        services,
        loaders: createLoaders(
          services,
          () => 'voter',
          () => deadline.check(),
        ),
      },
    });
    expect(calls).toEqual([]);
    // The first non-null root field to fail stops the others from starting at all.
    expect(result.data).toBeNull();
    expect(new Set(result.errors?.map((error) => error.extensions.code))).toEqual(new Set(['TIMEOUT']));
  });
});

/**
 * Request shapes known to exhaust GraphQL servers (OWASP's GraphQL cheat sheet, graphql-armor's
 * test cases, published bypasses), each with the code newsgate answers it with. Shared by the
 * small-heap regression test and `npm run bench` (bench/attack-shapes.ts).
 */
export interface AttackShape {
  name: string;
  /** The raw request body. */
  body: string;
  /** HTTP status and `extensions.code` of the first error. */
  status: number;
  code: string;
}

const repeat = (count: number, make: (index: number) => string) => Array.from({ length: count }, (_, index) => make(index)).join(' ');
const json = (query: string, variables?: unknown) => JSON.stringify({ query, variables });

/** `articles { edges { node { people { articles … } } } }`, `levels` times. */
export function fanOut(levels: number, first = 1): string {
  let selection = 'name';
  for (let level = 0; level < levels; level += 1) selection = `articles(first: ${first}) { edges { node { people { ${selection} } } } }`;
  return `{ ${selection} }`;
}

export function attackShapes(): AttackShape[] {
  const nestedList = `${'['.repeat(30_000)}null${']'.repeat(30_000)}`;
  let fragments = 'fragment F0 on Article { headline }';
  for (let level = 1; level <= 30; level += 1) fragments += ` fragment F${level} on Article { ...F${level - 1} ...F${level - 1} }`;
  let introspection = 'name';
  for (let level = 0; level < 8; level += 1) introspection = `fields { type { ${introspection} } }`;
  return [
    { name: 'nested fan-out, twelve levels (articles → people → articles …)', body: json(fanOut(12)), status: 400, code: 'QUERY_TOO_DEEP' },
    {
      name: 'costly nested first: 100 chain',
      body: json(
        '{ articles(first: 100) { edges { node { people { articles(first: 100) { edges { node { people { articles(first: 100) { edges { node { headline } } } } } } } } } } } }',
      ),
      status: 400,
      code: 'QUERY_TOO_COSTLY',
    },
    {
      name: '1,000 aliases',
      body: json(`{ articles(first: 1) { edges { node { ${repeat(1000, (i) => `a${i}: headline`)} } } } }`),
      status: 400,
      code: 'TOO_MANY_ALIASES',
    },
    {
      name: 'fragment cycle',
      body: json(
        '{ articles { edges { node { ...A } } } } fragment A on Article { people { articles { edges { node { ...B } } } } } fragment B on Article { ...A }',
      ),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      name: 'fragment explosion (each fragment spreads the one before twice: 2^30 fields)',
      body: json(`{ articles(first: 1) { edges { node { ...F30 } } } } ${fragments}`),
      status: 400,
      code: 'QUERY_TOO_COSTLY',
    },
    {
      name: '2,000 directives',
      body: json(`{ articles(first: 1) { edges { node { ${repeat(1000, () => 'headline @include(if: true) @skip(if: false)')} } } } }`),
      status: 400,
      code: 'TOO_MANY_TOKENS',
    },
    {
      name: '200 directives (under the token limit)',
      body: json(`{ articles(first: 1) { edges { node { ${repeat(100, () => 'headline @include(if: true) @skip(if: false)')} } } } }`),
      status: 400,
      code: 'TOO_MANY_DIRECTIVES',
    },
    // At two bytes a token, 50,000 tokens are over the 100 kB body limit already; 40,000 fit under it.
    { name: '50,000-token document', body: json(`{ ${repeat(50_000, () => 'a')} }`), status: 413, code: 'PAYLOAD_TOO_LARGE' },
    {
      name: '40,000-token document under the body limit',
      body: json(`{ ${repeat(40_000, () => 'a')} }`),
      status: 400,
      code: 'TOO_MANY_TOKENS',
    },
    {
      name: '50,000 tokens nested 25,000 deep',
      body: json(`{ ${'a{'.repeat(24_999)}a${'}'.repeat(24_999)} }`),
      status: 400,
      code: 'QUERY_TOO_DEEP',
    },
    {
      name: 'deeply nested input value in the document (30,000 levels)',
      body: json(`{ articles(filter: { section: ${nestedList} }) { totalCount } }`),
      status: 400,
      code: 'QUERY_TOO_DEEP',
    },
    {
      name: 'deeply nested input value in variables (30,000 levels)',
      // Written as text: JSON.stringify would recurse 30,000 levels deep here.
      body: `{"query":"query($filter: ArticleFilter) { articles(filter: $filter) { totalCount } }","variables":{"filter":{"section":${nestedList}}}}`,
      status: 400,
      code: 'BAD_USER_INPUT',
    },
    {
      name: 'depth hidden in fragments',
      body: json(
        `{ articles(first: 1) { ...A } }
         fragment A on ArticleConnection { edges { node { people { ...P } } } }
         fragment P on Person { articles(first: 1) { edges { node { people { ...Q } } } } }
         fragment Q on Person { articles(first: 1) { edges { node { people { ...R } } } } }
         fragment R on Person { articles(first: 1) { edges { node { people { ...S } } } } }
         fragment S on Person { articles(first: 1) { edges { node { people { name } } } } }`,
      ),
      status: 400,
      code: 'QUERY_TOO_DEEP',
    },
    {
      name: 'cost hidden in inline fragments on an interface',
      body: json(
        '{ nodes(ids: ["UGVyc29uOjE="]) { ... on Person { articles(first: 100) { edges { node { people { articles(first: 100) { edges { node { id } } } } } } } } } }',
      ),
      status: 400,
      code: 'QUERY_TOO_COSTLY',
    },
    {
      name: 'introspection nesting (__schema { types { fields { type { fields …)',
      body: json(`{ __schema { types { ${introspection} } } }`),
      status: 400,
      code: 'QUERY_TOO_DEEP',
    },
    { name: '2 MB body', body: json('{ __typename }', { padding: 'x'.repeat(2_000_000) }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  ];
}

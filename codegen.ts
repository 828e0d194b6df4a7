import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator for clients (`npm run codegen`): typed documents for the example
 * operations in schema/operations/ with the client preset, and the possibleTypes Apollo Client's
 * InMemoryCache needs for the Node interface and the SearchHit union. Written to schema/generated/
 * (not committed); `npm run codegen:check` also type-checks the output with `tsc --strict`.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: 'schema/operations/*.graphql',
  generates: {
    'schema/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // DateTime travels as an ISO-8601 string (always UTC, with a Z).
        scalars: { DateTime: 'string' },
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
    'schema/generated/possible-types.ts': {
      plugins: ['fragment-matcher'],
      config: { useExplicitTyping: true },
    },
  },
};

export default config;

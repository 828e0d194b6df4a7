import path from 'node:path';
import { graphqlSync, lexicographicSortSchema, printSchema } from 'graphql';
import { buildGatewaySchema } from './build-schema';
import { buildSubgraphGatewaySchema } from './build-subgraph-schema';

/** Where the committed SDL lives, relative to the repository root. */
export const SCHEMA_FILE = path.join('schema', 'schema.graphql');
/** The subgraph SDL (NEWSGATE_FEDERATION=true), as `_service { sdl }` answers it: for `rover supergraph compose`. */
export const SUBGRAPH_SCHEMA_FILE = path.join('schema', 'subgraph.graphql');

const HEADER = '# Generated from the code by `npm run schema`; do not edit by hand.\n\n';

/** The SDL as committed: sorted, so that moving code around never changes the file. */
export function printGatewaySchema(): string {
  return HEADER + printSchema(lexicographicSortSchema(buildGatewaySchema())) + '\n';
}

/** The subgraph SDL, exactly as the running subgraph serves it in `_service { sdl }`. */
export function printSubgraphGatewaySchema(): string {
  const result = graphqlSync({ schema: buildSubgraphGatewaySchema(), source: '{ _service { sdl } }' });
  if (result.errors) throw new Error(`_service { sdl } failed: ${result.errors.map((error) => error.message).join('; ')}`);
  return HEADER + (result.data as { _service: { sdl: string } })._service.sdl + '\n';
}

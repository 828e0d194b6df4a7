import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildGatewaySchema } from './build-schema';

/** Where the committed SDL lives, relative to the repository root. */
export const SCHEMA_FILE = path.join('schema', 'schema.graphql');

const HEADER = '# Generated from the code by `npm run schema`; do not edit by hand.\n\n';

/** The SDL as committed: sorted, so that moving code around never changes the file. */
export function printGatewaySchema(): string {
  return HEADER + printSchema(lexicographicSortSchema(buildGatewaySchema())) + '\n';
}

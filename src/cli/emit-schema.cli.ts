import fs from 'node:fs';
import path from 'node:path';
import { printGatewaySchema, printSubgraphGatewaySchema, SCHEMA_FILE, SUBGRAPH_SCHEMA_FILE } from '../schema/print-schema';

// Run from the repository root (npm run schema).
for (const [file, print] of [
  [SCHEMA_FILE, printGatewaySchema],
  [SUBGRAPH_SCHEMA_FILE, printSubgraphGatewaySchema],
] as const) {
  const target = path.resolve(process.cwd(), file);
  fs.writeFileSync(target, print());
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
